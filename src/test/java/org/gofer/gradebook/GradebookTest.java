package org.gofer.gradebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.result.CellError;
import org.gofer.result.GradingReport;
import org.gofer.result.TestResult;
import org.gofer.submission.GradingJob;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStatus;
import org.gofer.submission.SubmissionStore;
import org.gofer.testsupport.MutableClock;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradebookTest {
    private static final AssignmentKey LAB = AssignmentKey.of("data8x", "fa24", "lab01");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final GradingReport PARTIAL = new GradingReport(
            "graded",
            1.5,
            3,
            "gofer",
            List.of(
                    new TestResult("q1", 1, 1, false, true, ""),
                    new TestResult("q2", 0.5, 1, false, false, "expected 2, got 3"),
                    new TestResult("q3", 0, 1, true, false, "hidden case failed")),
            List.of(new CellError(2, "ZeroDivisionError", "division by zero")),
            List.of(),
            Optional.empty(),
            List.of());

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private Jdbi jdbi;
    private SubmissionStore store;
    private SubmissionQueue queue;
    private final List<RecordedGrade> heard = new ArrayList<>();

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.in(tmp);
        store = new SubmissionStore(jdbi, tmp.resolve("data"), clock);
        queue = new SubmissionQueue(jdbi, clock);
    }

    private Gradebook gradebook(GradeListener... listeners) {
        return new Gradebook(jdbi, clock, new AssignmentCatalog(tmp.resolve("notebooks-tests")), List.of(listeners));
    }

    private GradingJob claimed(String user) {
        store.accept(user, LAB, ("{\"u\": \"" + user + "\"}").getBytes(StandardCharsets.UTF_8), "api");
        return queue.claim("w1", LEASE).orElseThrow();
    }

    private long testScoreRows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM test_scores")
                .mapTo(Long.class)
                .one());
    }

    @Test
    void recordWritesTheGradeAndPerQuestionScores() {
        GradingJob job = claimed("alice");
        clock.advance(Duration.ofSeconds(20));

        assertThat(gradebook(collect()).record(job.submission().id(), "w1", PARTIAL))
                .isTrue();

        var s = store.find(job.submission().id()).orElseThrow();
        assertThat(s.status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(s.score()).contains(1.5);
        assertThat(s.maxScore()).contains(3.0);
        assertThat(s.finishedAt()).contains(clock.instant());
        assertThat(s.suspicious()).isFalse();
        assertThat(gradebook().testScores(job.submission().id())).isEqualTo(PARTIAL.tests());
        assertThat(gradebook().report(job.submission().id())).contains(PARTIAL);
        assertThat(queue.renew(job, LEASE)).as("the lease is released").isFalse();
    }

    @Test
    void listenersHearTheGradeInsideTheTransaction() {
        GradingJob job = claimed("alice");

        gradebook((h, g) -> {
                    // the grade is visible on the listener's handle before commit
                    assertThat(h.createQuery("SELECT status FROM submissions WHERE id = ?")
                                    .bind(0, g.submissionId())
                                    .mapTo(String.class)
                                    .one())
                            .isEqualTo("graded");
                    heard.add(g);
                })
                .record(job.submission().id(), "w1", PARTIAL);

        assertThat(heard)
                .containsExactly(new RecordedGrade(
                        job.submission().id(), "alice", "data8x/fa24/lab01", 1.5, 3, "graded", clock.instant()));
    }

    @Test
    void aListenerThatThrowsRollsTheGradeBack() {
        GradingJob job = claimed("alice");
        Gradebook failing = gradebook((h, g) -> {
            h.execute("UPDATE submissions SET reason = 'written by the listener' WHERE id = ?", g.submissionId());
            throw new IllegalStateException("outbox is full");
        });

        assertThatThrownBy(() -> failing.record(job.submission().id(), "w1", PARTIAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("outbox is full");

        var s = store.find(job.submission().id()).orElseThrow();
        assertThat(s.status()).isEqualTo(SubmissionStatus.RUNNING);
        assertThat(s.score()).isEmpty();
        assertThat(s.reason()).isEmpty();
        assertThat(testScoreRows()).isZero();
        assertThat(queue.renew(job, LEASE)).as("the worker still holds the job").isTrue();
        assertThat(gradebook().record(job.submission().id(), "w1", PARTIAL)).isTrue();
    }

    @Test
    void recordWithALostLeaseWritesNothing() {
        GradingJob old = claimed("alice");
        clock.advance(LEASE.plusSeconds(1));
        GradingJob current = queue.claim("w2", LEASE).orElseThrow();

        assertThat(gradebook(collect()).record(old.submission().id(), "w1", PARTIAL))
                .isFalse();

        var s = store.find(old.submission().id()).orElseThrow();
        assertThat(s.status()).isEqualTo(SubmissionStatus.RUNNING);
        assertThat(s.score()).isEmpty();
        assertThat(testScoreRows()).isZero();
        assertThat(heard).isEmpty();
        assertThat(gradebook().record(current.submission().id(), "w2", PARTIAL)).isTrue();
    }

    @Test
    void aGradeIsRecordedExactlyOnce() {
        GradingJob job = claimed("alice");
        Gradebook gradebook = gradebook(collect());
        GradingReport full = new GradingReport(
                "graded", 3, 3, "gofer", List.of(), List.of(), List.of(), Optional.empty(), List.of());

        assertThat(gradebook.record(job.submission().id(), "w1", PARTIAL)).isTrue();
        assertThat(gradebook.record(job.submission().id(), "w1", full)).isFalse();

        assertThat(store.find(job.submission().id()).orElseThrow().score()).contains(1.5);
        assertThat(testScoreRows()).isEqualTo(3);
        assertThat(heard).hasSize(1);
    }

    @Test
    void aQueuedSubmissionCannotBeRecorded() {
        long id = store.accept("alice", LAB, "{}".getBytes(StandardCharsets.UTF_8), "api")
                .id();

        assertThat(gradebook().record(id, "w1", PARTIAL)).isFalse();
        assertThat(gradebook().record(9999, "w1", PARTIAL)).isFalse();
    }

    @Test
    void failedGradingsAndSuspiciousFindingsAreRecorded() {
        GradingJob timedOut = claimed("alice");
        GradingJob cheat = claimed("bob");
        Gradebook gradebook = gradebook();
        GradingReport suspicious = new GradingReport(
                "graded",
                0,
                2,
                "gofer",
                List.of(new TestResult("q1", 0, 2, false, false, "")),
                List.of(),
                List.of("check was redefined"),
                Optional.of("score set to 0: check was redefined"),
                List.of());

        gradebook.record(
                timedOut.submission().id(),
                "w1",
                GradingReport.failed("the notebook ran longer than the 300 s limit", List.of("timeout")));
        gradebook.record(cheat.submission().id(), "w1", suspicious);

        var failed = store.find(timedOut.submission().id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(SubmissionStatus.FAILED);
        assertThat(failed.score()).contains(0.0);
        assertThat(failed.reason()).contains("the notebook ran longer than the 300 s limit");
        assertThat(gradebook.report(timedOut.submission().id()).orElseThrow().limitsHit())
                .containsExactly("timeout");
        var flagged = store.find(cheat.submission().id()).orElseThrow();
        assertThat(flagged.suspicious()).isTrue();
        assertThat(flagged.reason()).contains("score set to 0: check was redefined");
    }

    @Test
    void aRegradeReplacesThePerQuestionScores() {
        GradingJob first = claimed("alice");
        Gradebook gradebook = gradebook();
        gradebook.record(first.submission().id(), "w1", PARTIAL);
        queue.requeue(Optional.of(first.submission().id()), Optional.empty());
        GradingJob again = queue.claim("w2", LEASE).orElseThrow();
        GradingReport fixed = new GradingReport(
                "graded",
                2,
                2,
                "gofer",
                List.of(new TestResult("q1", 1, 1, false, true, ""), new TestResult("q2", 1, 1, false, true, "")),
                List.of(),
                List.of(),
                Optional.empty(),
                List.of());

        assertThat(gradebook.record(again.submission().id(), "w2", fixed)).isTrue();

        assertThat(gradebook.testScores(first.submission().id())).isEqualTo(fixed.tests());
        assertThat(store.find(first.submission().id()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void reportOfAnUngradedSubmissionIsEmpty() {
        long id = store.accept("alice", LAB, "{}".getBytes(StandardCharsets.UTF_8), "api")
                .id();

        assertThat(gradebook().report(id)).isEmpty();
        assertThat(gradebook().report(12345)).isEmpty();
        assertThat(gradebook().testScores(id)).isEmpty();
    }

    /** A listener that only remembers what it heard. */
    private GradeListener collect() {
        return (h, g) -> heard.add(g);
    }
}
