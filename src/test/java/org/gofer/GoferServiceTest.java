package org.gofer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gofer.assignment.AssignmentKey;
import org.gofer.config.AppConfig;
import org.gofer.config.ConfigLoader;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.sandbox.SandboxUnavailableException;
import org.gofer.submission.SubmissionStatus;
import org.gofer.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembly {@code gofer serve} runs, from settings as ConfigLoader reads them, with Docker replaced. */
class GoferServiceTest {
    @TempDir
    Path dir;

    final AtomicBoolean sandboxHealthy = new AtomicBoolean(true);
    final AtomicInteger runs = new AtomicInteger();
    final SandboxRunner sandbox = new SandboxRunner() {
        @Override
        public SandboxOutcome run(SandboxJob job) {
            runs.incrementAndGet();
            throw new SandboxUnavailableException("no Docker in this test", null);
        }

        @Override
        public boolean healthy() {
            return sandboxHealthy.get();
        }
    };

    private AppConfig config(String bind, int workers) {
        Map<String, String> env = new HashMap<>();
        env.put("GOFER_TESTS_DIR", dir.resolve("tests").toString());
        env.put(
                "GOFER_DB",
                dir.resolve("gradebook-" + bind.replace(':', '-') + ".db").toString());
        env.put("GOFER_DATA_DIR", dir.resolve("data").toString());
        env.put("GOFER_BIND", bind);
        env.put("GOFER_WORKERS", Integer.toString(workers));
        env.put("GOFER_DEV_USERS", "prof-token:prof:instructor");
        return ConfigLoader.load(env);
    }

    private static int status(int port, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void theServiceListensAndItsHealthFollowsTheSandbox() throws Exception {
        try (GoferService service = GoferService.assemble(
                        config("127.0.0.1:0", 0), GoferService.Overrides.none().withSandbox(sandbox))
                .start()) {
            assertThat(status(service.port(), "health")).isEqualTo(200);
            sandboxHealthy.set(false);
            assertThat(status(service.port(), "health")).isEqualTo(503);
            assertThat(service.terminals())
                    .as("no debug terminals without Docker")
                    .isEmpty();
        }
    }

    @Test
    void anAcceptedSubmissionWakesTheWorkersWhichHandItToTheSandbox() throws Exception {
        Fixtures.write(dir.resolve("tests"), "c8/s1/lab01/tests/q1.py", Fixtures.okTest("q1", 1));
        try (GoferService service = GoferService.assemble(
                        config("127.0.0.1:0", 1), GoferService.Overrides.none().withSandbox(sandbox))
                .start()) {
            long id = service.store()
                    .accept(
                            "alice",
                            AssignmentKey.parse("c8/s1/lab01"),
                            Fixtures.notebook("c8", "s1", "lab01", "x = 1")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            "test")
                    .id();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (runs.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(runs.get()).as("gradings handed to the sandbox").isPositive();
            assertThat(service.store().find(id).orElseThrow().status())
                    .as("Docker unavailable: the submission is retried, not failed")
                    .isIn(SubmissionStatus.QUEUED, SubmissionStatus.RUNNING);
        }
    }

    @Test
    void aSecondServiceOnATakenPortFailsToStartAndClosesCleanly() throws Exception {
        try (GoferService first = GoferService.assemble(
                        config("127.0.0.1:0", 0), GoferService.Overrides.none().withSandbox(sandbox))
                .start()) {
            GoferService second = GoferService.assemble(
                    config("127.0.0.1:" + first.port(), 1),
                    GoferService.Overrides.none().withSandbox(sandbox));
            assertThatThrownBy(second::start).isInstanceOf(RuntimeException.class);
            second.close();
            assertThat(status(first.port(), "health"))
                    .as("the first one still answers")
                    .isEqualTo(200);
        }
    }
}
