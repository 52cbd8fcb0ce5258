package org.gofer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gofer.db.Database;
import org.gofer.testsupport.DockerCli;
import org.gofer.testsupport.EnabledIfDocker;
import org.gofer.testsupport.GoferHttp;
import org.gofer.testsupport.ServiceProcess;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service, crashed with SIGKILL while submissions are queued and running, then
 * restarted: every accepted submission ends graded exactly once with its right score, and no
 * container of the crashed process is left behind. Subclasses run the same burst on another
 * executor.
 */
@EnabledIfDocker
class ServiceCrashIT {
    private static final Path EXAMPLES = Path.of("notebooks-tests/demo-course/fall-2026/lab01-gofer/examples");

    @TempDir
    Path tmp;

    @Test
    void killNineDuringABurstLosesAndDuplicatesNothing() throws Exception {
        Map<String, String> env =
                ServiceProcess.localEnv(tmp, "crash-it", "student-token:alice,teacher-token:teacher:instructor");
        env.putAll(executorEnv());
        String deployment = env.get("GOFER_DEPLOYMENT");
        JsonNode expected =
                new ObjectMapper().readTree(EXAMPLES.resolve("EXPECTED.json").toFile());
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();

        try (ServiceProcess first = new ServiceProcess(env, tmp.resolve("first.log"))) {
            first.start();
            GoferHttp alice = new GoferHttp(first.base(), "student-token");
            for (int i = 0; i < 6; i++) {
                String name = i % 2 == 0 ? "solution.ipynb" : "partly-wrong.ipynb";
                ids.add(alice.submitAccepted(EXAMPLES.resolve(name)));
                names.add(name);
            }
            awaitRunning(tmp.resolve("gradebook.db"), Duration.ofSeconds(60));
            first.kill();
        }

        try (ServiceProcess second = new ServiceProcess(env, tmp.resolve("second.log"))) {
            second.start();
            GoferHttp alice = new GoferHttp(second.base(), "student-token");
            for (int i = 0; i < ids.size(); i++) {
                JsonNode result = alice.awaitFinal(ids.get(i), Duration.ofMinutes(5));
                JsonNode want = expected.get(names.get(i));
                assertThat(result.path("status").asText())
                        .as("submission %s", ids.get(i))
                        .isEqualTo("graded");
                assertThat(result.path("score").asDouble())
                        .as("score of %s", names.get(i))
                        .isEqualTo(want.path("score").asDouble());
                assertThat(result.path("max_score").asDouble())
                        .isEqualTo(want.path("max_score").asDouble());
            }
        }

        Jdbi jdbi = Database.open(tmp.resolve("gradebook.db"));
        List<Integer> recorded =
                jdbi.withHandle(h -> h.createQuery("SELECT recorded_count FROM submissions ORDER BY id")
                        .mapTo(Integer.class)
                        .list());
        assertThat(recorded)
                .as("each grade recorded exactly once")
                .hasSize(ids.size())
                .containsOnly(1);
        assertThat(leftBehind(deployment)).as("containers left behind").isEmpty();
        assertGradedByTheExecutor(ids.size());
    }

    /** Checks that the executor under test did the gradings (Docker: the scores above show it). */
    protected void assertGradedByTheExecutor(int submissions) {}

    /** The variables that choose the executor under test: none for Docker, the default. */
    protected Map<String, String> executorEnv() {
        return Map.of();
    }

    /** What of the deployment's gradings still exists after the service stopped. */
    protected List<String> leftBehind(String deployment) throws Exception {
        return DockerCli.containersWithLabel("gofer.deployment=" + deployment);
    }

    /** Waits until some submission is being graded, so the crash hits a running container. */
    private static void awaitRunning(Path db, Duration limit) throws InterruptedException {
        Jdbi jdbi = Database.connect(db);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            int running =
                    jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM submissions WHERE status = 'running'")
                            .mapTo(Integer.class)
                            .one());
            if (running > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no submission started grading within " + limit);
    }
}
