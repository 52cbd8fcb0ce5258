package org.gofer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gofer.db.Database;
import org.gofer.testsupport.DockerCli;
import org.gofer.testsupport.DockerDaemon;
import org.gofer.testsupport.EnabledIfDocker;
import org.gofer.testsupport.GoferHttp;
import org.gofer.testsupport.ServiceProcess;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Infrastructure faults must not lose or fail a student's submission: a missing grading image
 * keeps submissions queued (with the reason for instructors) until it is there, and a Docker
 * daemon restart in the middle of gradings makes them run again.
 */
@EnabledIfDocker
class FaultToleranceIT {
    private static final Path SOLUTION =
            Path.of("notebooks-tests/demo-course/fall-2026/lab01-gofer/examples/solution.ipynb");

    @TempDir
    Path tmp;

    private Map<String, String> env(String deployment, String image) {
        Map<String, String> env =
                ServiceProcess.localEnv(tmp, "fault-it", "student-token:alice,teacher-token:teacher:instructor");
        env.put("GOFER_DEPLOYMENT", deployment);
        env.put("GOFER_IMAGE", image);
        return env;
    }

    @Test
    void aMissingImageKeepsSubmissionsQueuedUntilItIsThere() throws Exception {
        String deployment = "fault-it-" + UUID.randomUUID().toString().substring(0, 8);
        long id;
        try (ServiceProcess broken =
                new ServiceProcess(env(deployment, "gofer-grader:no-such-tag"), tmp.resolve("broken.log"))) {
            broken.startAllowingUnhealthy();
            GoferHttp alice = new GoferHttp(broken.base(), "student-token");
            id = alice.submitAccepted(SOLUTION);
            Thread.sleep(3000); // a few claim attempts
            assertThat(alice.submission(id).path("status").asText()).isEqualTo("queued");
            assertThat(alice.get("health").statusCode())
                    .as("health without the image")
                    .isEqualTo(503);
            String lastError = Database.connect(tmp.resolve("gradebook.db"))
                    .withHandle(h -> h.createQuery("SELECT last_error FROM submissions WHERE id = ?")
                            .bind(0, id)
                            .mapTo(String.class)
                            .one());
            assertThat(lastError).contains("gofer-grader:no-such-tag").contains("missing");
        }
        try (ServiceProcess fixed =
                new ServiceProcess(env(deployment, "gofer-grader:latest"), tmp.resolve("fixed.log"))) {
            fixed.start();
            JsonNode result = new GoferHttp(fixed.base(), "student-token").awaitFinal(id, Duration.ofMinutes(3));
            assertThat(result.path("status").asText()).isEqualTo("graded");
            assertThat(result.path("score").asDouble())
                    .isEqualTo(result.path("max_score").asDouble())
                    .isPositive();
        }
    }

    @Test
    void aDockerRestartDuringGradingsLosesNothing() throws Exception {
        Assumptions.assumeTrue(DockerDaemon.restartable(), "needs root and dockerd's pid file");
        String deployment = "fault-it-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        try (ServiceProcess service =
                new ServiceProcess(env(deployment, "gofer-grader:latest"), tmp.resolve("svc.log"))) {
            service.start();
            GoferHttp alice = new GoferHttp(service.base(), "student-token");
            for (int i = 0; i < 4; i++) {
                ids.add(alice.submitAccepted(SOLUTION));
            }
            awaitRunning(Database.connect(tmp.resolve("gradebook.db")), Duration.ofSeconds(60));
            DockerDaemon.restart(tmp.resolve("dockerd.log"));
            for (long id : ids) {
                JsonNode result = alice.awaitFinal(id, Duration.ofMinutes(6));
                assertThat(result.path("status").asText())
                        .as("submission %s", id)
                        .isEqualTo("graded");
                assertThat(result.path("score").asDouble())
                        .isEqualTo(result.path("max_score").asDouble());
            }
        }
        Jdbi jdbi = Database.connect(tmp.resolve("gradebook.db"));
        List<Integer> recorded = jdbi.withHandle(h -> h.createQuery("SELECT recorded_count FROM submissions")
                .mapTo(Integer.class)
                .list());
        assertThat(recorded)
                .as("each grade recorded exactly once")
                .hasSize(ids.size())
                .containsOnly(1);
        assertThat(DockerCli.containersWithLabel("gofer.deployment=" + deployment))
                .isEmpty();
    }

    private static void awaitRunning(Jdbi jdbi, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM submissions WHERE status = 'running'")
                            .mapTo(Integer.class)
                            .one())
                    > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing started grading within " + limit);
    }
}
