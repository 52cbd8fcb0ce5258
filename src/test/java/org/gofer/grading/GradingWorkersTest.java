package org.gofer.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.testsupport.Fixtures.okTest;
import static org.gofer.testsupport.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.Gradebook;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStore;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradingWorkersTest {
    private static final AssignmentKey LAB = AssignmentKey.of("data8x", "fa24", "lab01");

    @TempDir
    Path tmp;

    private Jdbi jdbi;
    private SubmissionStore store;
    private SubmissionQueue queue;
    private GradingPipeline pipeline;
    private final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();

    /** A thread-safe stand-in for Docker: every run completes with full marks and is counted. */
    private final SandboxRunner fakeRunner = new SandboxRunner() {
        @Override
        public SandboxOutcome run(SandboxJob job) {
            runs.computeIfAbsent(job.submissionId(), id -> new AtomicInteger()).incrementAndGet();
            return new SandboxOutcome(
                    SandboxOutcome.Kind.COMPLETED,
                    Optional.of(Fixtures.text("results/full-marks.json")),
                    Optional.of(0),
                    "",
                    Duration.ZERO,
                    "");
        }

        @Override
        public boolean healthy() {
            return true;
        }
    };

    @BeforeEach
    void setUp() {
        Path tests = tmp.resolve("notebooks-tests");
        write(tests.resolve("data8x/fa24/lab01"), "tests/q1.py", okTest("q1", 1));
        AssignmentCatalog catalog = new AssignmentCatalog(tests);
        Clock clock = Clock.systemUTC();
        jdbi = TestDatabase.in(tmp);
        store = new SubmissionStore(jdbi, tmp.resolve("data"), clock);
        queue = new SubmissionQueue(jdbi, clock);
        Gradebook gradebook = new Gradebook(jdbi, clock, catalog, List.of());
        pipeline = new GradingPipeline(
                catalog,
                store,
                queue,
                gradebook,
                fakeRunner,
                GradingPipelineTest.DEFAULTS,
                new GradingArtifacts(tmp.resolve("data")));
    }

    private long count(String where) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM submissions WHERE " + where)
                .mapTo(Long.class)
                .one());
    }

    /** The workers' own threads (other tests in this JVM may run threads of their own). */
    private static List<Thread> goferThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive()
                        && (t.getName().startsWith("gofer-grader-")
                                || t.getName().equals("gofer-lease-renewer")))
                .toList();
    }

    /** Polls until every submission is graded; bounded so a broken worker fails the test instead of hanging it. */
    private void awaitAllGraded(int n) throws InterruptedException {
        for (int i = 0; i < 600 && count("status = 'graded'") < n; i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void everySubmissionIsGradedExactlyOnceAndCloseLeavesNoThread() throws Exception {
        int n = 30;
        for (int i = 0; i < n; i++) {
            store.accept("student" + i, LAB, ("{\"i\": " + i + "}").getBytes(StandardCharsets.UTF_8), "api");
        }

        try (GradingWorkers workers = new GradingWorkers(queue, pipeline, "instance-a", 4)) {
            workers.start();
            workers.wake();
            awaitAllGraded(n);
        }

        assertThat(count("status = 'graded' AND score = 3 AND recorded_count = 1"))
                .isEqualTo(n);
        assertThat(count("status != 'graded'")).isZero();
        assertThat(runs).hasSize(n);
        assertThat(runs.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
        assertThat(goferThreads()).as("threads left after close()").isEmpty();
    }

    @Test
    void startRecoversJobsAPreviousProcessLeftRunning() throws Exception {
        store.accept("alice", LAB, "{}".getBytes(StandardCharsets.UTF_8), "api");
        queue.claim("instance-dead/worker-0", Duration.ofHours(1)).orElseThrow(); // lease far from running out

        try (GradingWorkers workers = new GradingWorkers(queue, pipeline, "instance-b", 1)) {
            assertThat(workers.ownerPrefix()).isEqualTo("instance-b/");
            workers.start();
            awaitAllGraded(1);
        }

        assertThat(count("status = 'graded' AND attempts = 2 AND recorded_count = 1"))
                .isEqualTo(1);
        assertThat(goferThreads()).isEmpty();
    }

    @Test
    void closeWithoutWorkStopsPromptly() {
        GradingWorkers workers = new GradingWorkers(queue, pipeline, "instance-c", 3);
        workers.start();

        workers.close();

        assertThat(workers.runningCount()).isZero();
        assertThat(goferThreads()).isEmpty();
    }
}
