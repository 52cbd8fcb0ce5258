package org.gofer.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gofer.config.AppConfig;
import org.gofer.sandbox.DockerClients;
import org.gofer.sandbox.RunSecret;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxOutcome.Kind;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.sandbox.SandboxRunnerContract;
import org.gofer.testsupport.DockerCli;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness contract ({@link SandboxRunnerContract}) through the Kubernetes executor: the mock API
 * in CRUD mode and the {@link TestKubelet} running each pod on the local Docker engine. Plus what is
 * Kubernetes' own: the pod's hardening as seen from inside, and nothing left in the namespace.
 */
@EnabledIfDocker
class KubernetesSandboxRunnerIT extends SandboxRunnerContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "gofer-grading";

    private static MockKubernetesApi api;
    private static TestKubelet kubelet;
    private static KubernetesClient client;
    private static KubernetesSandboxRunner runner;

    @BeforeAll
    static void startClusterAndRunner() throws Exception {
        docker = DockerClients.fromEnvironment();
        api = new MockKubernetesApi();
        kubelet = new TestKubelet(api, 64);
        client = api.client();
        runner = new KubernetesSandboxRunner(
                api.client(),
                new AppConfig.Kubernetes(NAMESPACE, Duration.ofMinutes(10), Duration.ofSeconds(60)),
                "it-" + UUID.randomUUID(),
                UUID.randomUUID().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        runner.close();
        client.close();
        kubelet.close();
        api.close();
        docker.close();
    }

    @Override
    protected SandboxRunner runner() {
        return runner;
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        List<String> left = List.of();
        for (int attempt = 0; attempt < 100; attempt++) {
            left = DockerCli.containersWithLabel(kubelet.containerLabel());
            if (left.isEmpty()
                    && client.batch()
                            .v1()
                            .jobs()
                            .inNamespace(NAMESPACE)
                            .list()
                            .getItems()
                            .isEmpty()
                    && client.pods().inNamespace(NAMESPACE).list().getItems().isEmpty()
                    && client.secrets().inNamespace(NAMESPACE).list().getItems().isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(left).as("containers").isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems())
                .as("jobs")
                .isEmpty();
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
                .as("pods")
                .isEmpty();
        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems())
                .as("secrets")
                .isEmpty();
    }

    @Test
    void thePodIsHardenedAsItsSpecSays() throws Exception {
        SandboxOutcome outcome = runner.run(job("inspects", LIMITS));

        assertThat(outcome.kind()).as(outcome.detail() + "\n" + outcome.log()).isEqualTo(Kind.COMPLETED);
        JsonNode checks = JSON.readTree(outcome.resultJson().orElseThrow()).path("checks");
        assertThat(checks.path("pid").asInt()).as("supervisor is PID 1").isEqualTo(1);
        assertThat(checks.path("uid").asInt()).isEqualTo(1000);
        assertThat(checks.path("gid").asInt()).isEqualTo(1000);
        assertThat(checks.path("interfaces").toString()).isEqualTo("[\"lo\"]");
        assertThat(checks.path("root_read_only").asBoolean()).isTrue();
        assertThat(checks.path("tmp_writable").asBoolean()).isTrue();
        assertThat(checks.path("home_writable").asBoolean()).isTrue();
        assertThat(checks.path("cap_eff").asText()).isEqualTo("0000000000000000");
        assertThat(checks.path("no_new_privs").asText()).isEqualTo("1");
        assertThat(checks.path("pids_max").asText()).isEqualTo("64");
        assertThat(checks.path("memory_limit").asText()).isEqualTo(Long.toString(128L * 1024 * 1024));
        assertThat(checks.path("secret_in_environment").asBoolean()).isFalse();
        assertThat(checks.path("home_env").asText()).isEqualTo("/home/gofer");
    }

    /**
     * A Gofer process died after it created a submission's Job and before it wrote the job line: the
     * grading tried again (by the next process) awaits that Job, feeds it, and verifies its result
     * with the kept secret. No second Job or pod is started.
     */
    @Test
    void aJobLeftRunningByACrashedProcessIsAdoptedNotStartedTwice() throws Exception {
        var job = job("signed", LIMITS);
        String deployment = "crashed-" + UUID.randomUUID();
        String name = GradingJobNames.forSubmission(deployment, job.submissionId());
        var labels = new org.gofer.sandbox.ContainerLabels(deployment, "the-dead-process").forSubmission(7);
        GradingJobs jobs = new GradingJobs(client, NAMESPACE);
        RunSecret kept = RunSecret.generate();
        assertThat(jobs.create(
                        GradingJobManifest.job(name, NAMESPACE, job.image(), LIMITS, labels, Duration.ofMinutes(10)),
                        labels,
                        kept))
                .isTrue();
        String firstUid = jobs.find(name).orElseThrow().getMetadata().getUid();

        try (KubernetesSandboxRunner next = new KubernetesSandboxRunner(
                api.client(),
                new AppConfig.Kubernetes(NAMESPACE, Duration.ofMinutes(10), Duration.ofSeconds(60)),
                deployment,
                "the-next-process")) {
            SandboxOutcome outcome = next.run(job);

            assertThat(outcome.kind())
                    .as(outcome.detail() + "\n" + outcome.log())
                    .isEqualTo(Kind.COMPLETED);
            assertThat(JSON.readTree(outcome.resultJson().orElseThrow())
                            .path("score")
                            .asDouble())
                    .isEqualTo(2.0);
        }
        assertThat(kubelet.podsCreatedFor(name)).as("pods started for the job").isEqualTo(1);
        assertThat(kubelet.jobUidsSeen(name)).as("jobs created under that name").containsExactly(firstUid);
    }

    /** Finished Jobs nobody awaits are swept by label; a running one is left for its grading to adopt. */
    @Test
    void theSweeperRemovesFinishedLeftoversAndLeavesRunningJobs() throws Exception {
        var job = job("sleeps", LIMITS);
        String deployment = "swept-" + UUID.randomUUID();
        var labels = new org.gofer.sandbox.ContainerLabels(deployment, "the-dead-process");
        GradingJobs jobs = new GradingJobs(client, NAMESPACE);
        String finished = GradingJobNames.forSubmission(deployment, 1);
        String running = GradingJobNames.forSubmission(deployment, 2);
        jobs.create(
                GradingJobManifest.job(
                        finished, NAMESPACE, job.image(), LIMITS, labels.forSubmission(1), Duration.ZERO),
                labels.forSubmission(1),
                RunSecret.generate());
        jobs.create(
                GradingJobManifest.job(running, NAMESPACE, job.image(), LIMITS, labels.forSubmission(2), Duration.ZERO),
                labels.forSubmission(2),
                RunSecret.generate());
        client.batch().v1().jobs().inNamespace(NAMESPACE).withName(finished).editStatus(j -> {
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
                    .withFailed(1)
                    .build());
            return j;
        });
        try (KubernetesSandboxRunner restarted = new KubernetesSandboxRunner(
                api.client(),
                new AppConfig.Kubernetes(NAMESPACE, Duration.ofMinutes(10), Duration.ofSeconds(60)),
                deployment,
                "the-next-process")) {
            assertThat(restarted.sweeper().sweep()).isEqualTo(1); // the finished Job, with its pod and secret

            assertThat(jobs.find(finished)).isEmpty();
            assertThat(jobs.keptSecret(finished)).isEmpty();
            assertThat(jobs.find(running)).isPresent();
            assertThat(jobs.keptSecret(running)).isPresent();
        } finally {
            jobs.delete(running);
        }
    }

    @Test
    void healthyWhileTheApiAnswers() {
        assertThat(runner.healthy()).isTrue();
    }
}
