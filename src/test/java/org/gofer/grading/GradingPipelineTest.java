package org.gofer.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.testsupport.Fixtures.okTest;
import static org.gofer.testsupport.Fixtures.write;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.config.AppConfig;
import org.gofer.gradebook.Gradebook;
import org.gofer.result.TestResult;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.sandbox.SandboxUnavailableException;
import org.gofer.submission.GradingJob;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStatus;
import org.gofer.submission.SubmissionStore;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.MutableClock;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

class GradingPipelineTest {
    private static final AssignmentKey LAB = AssignmentKey.of("data8x", "fa24", "lab01");
    static final AppConfig.Sandbox DEFAULTS =
            new AppConfig.Sandbox("gofer-grader:test", "test", 1024, 1.0, 256, Duration.ofSeconds(300), 256);

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final SandboxRunner sandbox = mock(SandboxRunner.class);
    private Path tests;
    private Jdbi jdbi;
    private SubmissionStore store;
    private SubmissionQueue queue;
    private Gradebook gradebook;
    private GradingPipeline pipeline;

    @BeforeEach
    void setUp() {
        tests = tmp.resolve("notebooks-tests");
        Path lab = tests.resolve("data8x/fa24/lab01");
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "tests/q2.py", okTest("q2", 2));
        write(lab, "tests/q3.py", okTest("q3", 3));
        write(lab, "data.csv", "a,b\n1,2\n");
        AssignmentCatalog catalog = new AssignmentCatalog(tests);
        jdbi = TestDatabase.in(tmp);
        store = new SubmissionStore(jdbi, tmp.resolve("data"), clock);
        queue = new SubmissionQueue(jdbi, clock);
        gradebook = new Gradebook(jdbi, clock, catalog, List.of());
        pipeline = new GradingPipeline(
                catalog, store, queue, gradebook, sandbox, DEFAULTS, new GradingArtifacts(tmp.resolve("data")));
    }

    private static SandboxOutcome completed(String resultFile) {
        return new SandboxOutcome(
                SandboxOutcome.Kind.COMPLETED,
                Optional.of(Fixtures.text("results/" + resultFile)),
                Optional.of(0),
                "harness log",
                Duration.ofSeconds(3),
                "");
    }

    private static SandboxOutcome ended(SandboxOutcome.Kind kind, String detail) {
        return new SandboxOutcome(kind, Optional.empty(), Optional.of(137), "killed", Duration.ofSeconds(300), detail);
    }

    private GradingJob claim(AssignmentKey key) {
        byte[] nb = Fixtures.notebook(key.course(), key.section(), key.name(), "x = 1")
                .getBytes(StandardCharsets.UTF_8);
        store.accept("alice", key, nb, "api");
        return queue.claim("w1", Duration.ofSeconds(60)).orElseThrow();
    }

    private Submission reload(GradingJob job) {
        return store.find(job.submission().id()).orElseThrow();
    }

    private long notBefore(GradingJob job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT not_before FROM submissions WHERE id = ?")
                .bind(0, job.submission().id())
                .mapTo(Long.class)
                .one());
    }

    @Test
    void completedRunIsGradedWithPerQuestionRows() {
        when(sandbox.run(any())).thenReturn(completed("partial.json"));
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(s.score()).contains(2.5);
        assertThat(s.maxScore()).contains(4.0);
        assertThat(gradebook.testScores(s.id()))
                .extracting(TestResult::name, TestResult::score)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("q1", 2.0), org.assertj.core.groups.Tuple.tuple("q2", 0.5));
    }

    @Test
    void theSandboxGetsTheAssignmentsTestsSupportFilesAndTheStoredNotebook() {
        when(sandbox.run(any())).thenReturn(completed("full-marks.json"));
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        ArgumentCaptor<SandboxJob> captor = ArgumentCaptor.forClass(SandboxJob.class);
        verify(sandbox).run(captor.capture());
        SandboxJob sent = captor.getValue();
        assertThat(sent.submissionId()).isEqualTo(job.submission().id());
        assertThat(sent.assignment()).isEqualTo("data8x/fa24/lab01");
        assertThat(sent.notebook()).isEqualTo(store.notebook(job.submission().notebookSha256()));
        assertThat(sent.tests()).extracting(f -> f.path()).containsExactly("tests/q1.py", "tests/q2.py", "tests/q3.py");
        assertThat(sent.supportFiles()).extracting(f -> f.path()).containsExactly("data.csv");
        assertThat(sent.scoring()).isEqualTo("gofer");
        assertThat(sent.image()).isEqualTo("gofer-grader:test");
        assertThat(sent.limits().memoryMb()).isEqualTo(1024);
        assertThat(sent.limits().timeout()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void assignmentLimitsAndImageOverrideTheDefaults() {
        write(
                tests.resolve("data8x/fa24/lab01"),
                "assignment.json",
                "{\"image\": \"gofer-grader:ml\", \"limits\": {\"memory_mb\": 4096, \"timeout_s\": 900}}");
        when(sandbox.run(any())).thenReturn(completed("full-marks.json"));

        pipeline.grade(claim(LAB));

        ArgumentCaptor<SandboxJob> captor = ArgumentCaptor.forClass(SandboxJob.class);
        verify(sandbox).run(captor.capture());
        assertThat(captor.getValue().image()).isEqualTo("gofer-grader:ml");
        assertThat(captor.getValue().limits().memoryMb()).isEqualTo(4096);
        assertThat(captor.getValue().limits().timeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(captor.getValue().limits().pids()).isEqualTo(256);
    }

    @Test
    void timeoutFailsWithAReasonNamingTheLimit() {
        when(sandbox.run(any())).thenReturn(ended(SandboxOutcome.Kind.TIMED_OUT, "killed after 300 s"));
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
        assertThat(s.score()).contains(0.0);
        assertThat(s.reason()).get().asString().contains("300 s limit");
        assertThat(gradebook.report(s.id()).orElseThrow().limitsHit()).containsExactly("timeout");
    }

    @Test
    void outOfMemoryFailsWithAReasonNamingTheLimit() {
        when(sandbox.run(any())).thenReturn(ended(SandboxOutcome.Kind.OUT_OF_MEMORY, "OOM-killed"));
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
        assertThat(s.reason()).get().asString().contains("1024 MB memory limit");
        assertThat(gradebook.report(s.id()).orElseThrow().limitsHit()).containsExactly("memory");
    }

    @Test
    void harnessFailureFailsWithTheRunnersDetail() {
        when(sandbox.run(any()))
                .thenReturn(ended(
                        SandboxOutcome.Kind.HARNESS_FAILED,
                        "the harness exited with code 3 without a verified result"));
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
        assertThat(s.reason())
                .contains("grading could not finish: the harness exited with code 3 without a verified " + "result");
    }

    @Test
    void malformedResultsFailTheGradingSayingWhy() {
        when(sandbox.run(any())).thenReturn(completed("score-above-max.json"));
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
        assertThat(s.reason()).get().asString().contains("malformed results").contains("outside 0..3.0");
    }

    @Test
    void suspiciousResultsAreGradedAtZeroAndFlagged() {
        when(sandbox.run(any())).thenReturn(completed("suspicious.json"));
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(s.score()).contains(0.0);
        assertThat(s.suspicious()).isTrue();
    }

    @Test
    void unavailableSandboxPutsTheJobBackWithABackoff() {
        when(sandbox.run(any())).thenThrow(new SandboxUnavailableException("Docker is not answering", null));
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
        assertThat(s.score()).isEmpty();
        assertThat(notBefore(job)).isGreaterThan(clock.millis());
        assertThat(queue.lastError(s.id())).contains("Docker is not answering");
        assertThat(queue.claim("w2", Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void unknownAssignmentFailsTheGrading() {
        GradingJob job = claim(AssignmentKey.of("data8x", "fa24", "deleted-lab"));

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
        assertThat(s.reason())
                .get()
                .asString()
                .contains("data8x/fa24/deleted-lab")
                .contains("no longer exists");
        verify(sandbox, never()).run(any());
    }

    @Test
    void brokenAssignmentJsonKeepsTheJobQueued() {
        write(tests.resolve("data8x/fa24/lab01"), "assignment.json", "{\"policy\": ");
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
        assertThat(notBefore(job)).isGreaterThan(clock.millis());
        assertThat(queue.lastError(s.id()))
                .get()
                .asString()
                .contains("configuration is broken")
                .contains("assignment.json");
        verify(sandbox, never()).run(any());
    }

    @Test
    void backoffGrowsWithAttemptsAndIsCapped() {
        when(sandbox.run(any())).thenThrow(new SandboxUnavailableException("image missing", null));
        GradingJob job = claim(LAB);
        long previousDelay = 0;
        // bounded: 12 outages in a row
        for (int attempt = 1; attempt <= 12; attempt++) {
            pipeline.grade(job);
            long delay = notBefore(job) - clock.millis();
            assertThat(delay)
                    .as("delay after attempt %d", attempt)
                    .isPositive()
                    .isGreaterThanOrEqualTo(previousDelay)
                    .isLessThanOrEqualTo(300_000);
            previousDelay = delay;
            clock.advance(Duration.ofMillis(delay));
            job = queue.claim("w1", Duration.ofSeconds(60)).orElseThrow();
            assertThat(job.submission().attempts()).isEqualTo(attempt + 1);
        }
        assertThat(previousDelay).isEqualTo(300_000);
    }

    @Test
    void containerLogAndResultsAreKeptForInstructors() throws Exception {
        when(sandbox.run(any())).thenReturn(completed("full-marks.json"));
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Path dir = tmp.resolve(
                "data/submissions/data8x/fa24/lab01/alice/" + job.submission().id());
        assertThat(Files.readString(dir.resolve("container.log"))).isEqualTo("harness log");
        assertThat(Files.readString(dir.resolve("results.json"))).isEqualTo(Fixtures.text("results/full-marks.json"));
    }

    @Test
    void aLostLeaseRecordsNothing() {
        when(sandbox.run(any())).thenAnswer(inv -> {
            clock.advance(Duration.ofSeconds(61));
            queue.claim("w2", Duration.ofSeconds(60)).orElseThrow(); // another worker takes over meanwhile
            return completed("full-marks.json");
        });
        GradingJob job = claim(LAB);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.RUNNING);
        assertThat(s.score()).isEmpty();
    }
}
