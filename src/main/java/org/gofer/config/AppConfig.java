package org.gofer.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting Gofer reads, checked once at start-up by {@link ConfigLoader}. Immutable.
 *
 * @param testsDir root of the assignments' test directories ({@code GOFER_TESTS_DIR})
 * @param database the SQLite gradebook file ({@code GOFER_DB})
 * @param dataDir raw submissions and logs ({@code GOFER_DATA_DIR})
 * @param workers concurrent gradings ({@code GOFER_WORKERS}); 0 accepts and queues without grading
 * @param web where and under which prefix the service listens
 * @param hub how callers are identified through JupyterHub
 * @param sandbox the grading containers' image and default limits
 * @param intake limits on what students may send
 * @param lti LTI 1.1 consumers and the public URL they launch at
 * @param terminal instructors' debug terminals
 * @param pip the host's pip settings that environment builds pass on
 */
public record AppConfig(
        Path testsDir,
        Path database,
        Path dataDir,
        int workers,
        Web web,
        Hub hub,
        Sandbox sandbox,
        Intake intake,
        Lti lti,
        Terminal terminal,
        Pip pip) {

    /**
     * @param host address to bind ({@code GOFER_BIND} or the host of {@code JUPYTERHUB_SERVICE_URL})
     * @param port port to bind, 0 for any free port
     * @param prefix path prefix every route lives under, starts and ends with '/'
     *     ({@code JUPYTERHUB_SERVICE_PREFIX}, else {@code GOFER_PREFIX}, else "/")
     * @param metricsPublic whether {@code GET {prefix}metrics} needs no credentials
     *     ({@code GOFER_METRICS_PUBLIC}, default false: instructors only)
     */
    public record Web(String host, int port, String prefix, boolean metricsPublic) {

        /** Metrics for instructors only. */
        public Web(String host, int port, String prefix) {
            this(host, port, prefix, false);
        }
    }

    /**
     * @param apiUrl the hub API, e.g. http://127.0.0.1:8081/hub/api; empty when Gofer runs without a hub
     * @param apiToken the service's own token (OAuth client secret); never logged
     * @param clientId OAuth client id, {@code service-<name>}
     * @param oauthCallbackUrl the registered relative callback path
     * @param accessScopes scopes of which a caller's token must hold one
     * @param instructorGroup hub group whose members are instructors
     * @param instructorScope scope whose holders are instructors
     * @param cacheLifetime how long a resolved token is trusted before the hub is asked again
     * @param devUsers only when no hub is configured: token -> user name, for local runs and tests
     * @param devInstructors which of the dev users are instructors
     * @param courseStudentGroup hub group whose members are a course's students, {@code {course}} standing
     *     for the course ({@code GOFER_COURSE_STUDENT_GROUP}, default {@code course-{course}})
     * @param courseStaffGroup hub group whose members are a course's staff ({@code GOFER_COURSE_STAFF_GROUP},
     *     default {@code course-{course}-staff})
     */
    public record Hub(
            Optional<URI> apiUrl,
            String apiToken,
            String clientId,
            String oauthCallbackUrl,
            List<String> accessScopes,
            String instructorGroup,
            String instructorScope,
            Duration cacheLifetime,
            Map<String, String> devUsers,
            java.util.Set<String> devInstructors,
            String courseStudentGroup,
            String courseStaffGroup) {

        public static final String DEFAULT_COURSE_STUDENT_GROUP = "course-{course}";
        public static final String DEFAULT_COURSE_STAFF_GROUP = "course-{course}-staff";

        /** Settings with the default course group names. */
        public Hub(
                Optional<URI> apiUrl,
                String apiToken,
                String clientId,
                String oauthCallbackUrl,
                List<String> accessScopes,
                String instructorGroup,
                String instructorScope,
                Duration cacheLifetime,
                Map<String, String> devUsers,
                java.util.Set<String> devInstructors) {
            this(
                    apiUrl,
                    apiToken,
                    clientId,
                    oauthCallbackUrl,
                    accessScopes,
                    instructorGroup,
                    instructorScope,
                    cacheLifetime,
                    devUsers,
                    devInstructors,
                    DEFAULT_COURSE_STUDENT_GROUP,
                    DEFAULT_COURSE_STAFF_GROUP);
        }
    }

    /**
     * @param image default grading image
     * @param deployment label value that scopes container clean-up to this deployment
     * @param memoryMb memory limit (swap = memory)
     * @param cpus CPU limit
     * @param pids process limit
     * @param timeout wall-clock limit for one grading, after which the container is killed
     * @param tmpfsMb size of the writable scratch space
     * @param warmContainers pre-started single-use containers of the default image and limits kept
     *     waiting ({@code GOFER_WARM_CONTAINERS}); 0 turns the warm pool off
     * @param kubernetes where gradings run as Kubernetes Jobs ({@code GOFER_EXECUTOR=kubernetes});
     *     empty for the local Docker engine ({@code GOFER_EXECUTOR=docker}, the default)
     */
    public record Sandbox(
            String image,
            String deployment,
            long memoryMb,
            double cpus,
            long pids,
            Duration timeout,
            long tmpfsMb,
            int warmContainers,
            Optional<Kubernetes> kubernetes) {

        /** Settings of the Docker executor. */
        public Sandbox(
                String image,
                String deployment,
                long memoryMb,
                double cpus,
                long pids,
                Duration timeout,
                long tmpfsMb,
                int warmContainers) {
            this(image, deployment, memoryMb, cpus, pids, timeout, tmpfsMb, warmContainers, Optional.empty());
        }

        /** Settings without a warm pool. */
        public Sandbox(
                String image,
                String deployment,
                long memoryMb,
                double cpus,
                long pids,
                Duration timeout,
                long tmpfsMb) {
            this(image, deployment, memoryMb, cpus, pids, timeout, tmpfsMb, 0);
        }
    }

    /**
     * The Kubernetes executor: one Job per grading in a namespace of its own.
     *
     * @param namespace where grading Jobs, their pods and run secrets live ({@code GOFER_K8S_NAMESPACE},
     *     default {@code gofer-grading})
     * @param finishedJobTtl how long Kubernetes keeps a finished Job Gofer could not delete itself
     *     ({@code GOFER_K8S_JOB_TTL_SECONDS}, default 600)
     * @param startTimeout how long a grading pod may take to be scheduled and start (image pull
     *     included) before the grading is requeued ({@code GOFER_K8S_START_TIMEOUT_SECONDS}, default 300)
     */
    public record Kubernetes(String namespace, Duration finishedJobTtl, Duration startTimeout) {}

    /**
     * @param maxBodyBytes largest accepted request body
     * @param defaultCourse course used when a notebook's metadata names none (gofer_service's behaviour)
     */
    public record Intake(long maxBodyBytes, Optional<String> defaultCourse) {}

    /**
     * @param publicUrl base URL users and LMSs reach the hub at
     * @param consumers consumer key -> shared secret
     * @param assignmentsByResourceLink resource_link_id -> course/section/assignment, for links whose
     *     LMS cannot send {@code custom_gofer_assignment}; wins over the custom parameter
     *     ({@code GOFER_LTI_ASSIGNMENTS="link=course/section/name,..."})
     * @param usernameParameter the launch parameter holding the hub user name
     *     ({@code GOFER_LTI_USERNAME_PARAM}, default {@code user_id}, what JupyterHub's LTI authenticator uses)
     * @param lowercaseUsername lower-case it, as JupyterHub normalises user names
     *     ({@code GOFER_LTI_USERNAME_LOWERCASE}, default true)
     */
    public record Lti(
            Optional<URI> publicUrl,
            Map<String, String> consumers,
            Map<String, String> assignmentsByResourceLink,
            String usernameParameter,
            boolean lowercaseUsername) {

        public Lti {
            consumers = Map.copyOf(consumers);
            assignmentsByResourceLink = Map.copyOf(assignmentsByResourceLink);
        }

        /** Launches mapped the default way: the custom parameter, user names from {@code user_id}, lower-cased. */
        public Lti(Optional<URI> publicUrl, Map<String, String> consumers) {
            this(publicUrl, consumers, Map.of(), "user_id", true);
        }
    }

    /**
     * @param buildArgs {@code PIP_INDEX_URL}, {@code PIP_EXTRA_INDEX_URL}, {@code PIP_TRUSTED_HOST}
     *     as set, by name
     * @param caBundle the CA bundle file the host's pip trusts ({@code PIP_CERT})
     */
    public record Pip(Map<String, String> buildArgs, Optional<Path> caBundle) {
        public Pip {
            buildArgs = Map.copyOf(buildArgs);
        }

        public static Pip none() {
            return new Pip(Map.of(), Optional.empty());
        }
    }

    /**
     * @param idleTimeout a terminal without keystrokes this long is closed and its container removed
     *     ({@code GOFER_TERMINAL_IDLE_SECONDS}, default 600)
     * @param maxDuration no terminal lasts longer ({@code GOFER_TERMINAL_MAX_SECONDS}, default 3600)
     * @param maxSessions terminals open at once across all instructors ({@code GOFER_TERMINAL_MAX_SESSIONS},
     *     default 4); 0 turns them off
     */
    public record Terminal(Duration idleTimeout, Duration maxDuration, int maxSessions) {
        public static Terminal defaults() {
            return new Terminal(Duration.ofMinutes(10), Duration.ofHours(1), 4);
        }
    }
}
