package org.gofer.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counted-grade rule on a real, freshly migrated gradebook, rows written as gradings leave them. */
class CountedGradesTest {
    private static final String LAB = "c8/s1/lab01";

    @TempDir
    Path tmp;

    private Jdbi jdbi;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.in(tmp);
        jdbi.useHandle(h ->
                h.execute("INSERT INTO notebooks (sha256, size_bytes, stored_at) VALUES (?, 1, 0)", "a".repeat(64)));
    }

    @Test
    void latestIsTheSubmissionMadeLastNotTheGradingFinishedLast() {
        long older = submission("graded", 2, 2, 3_000); // regraded: finished after the newer one
        long newer = submission("graded", 1, 2, 2_000);

        assertThat(counted(Assignment.Policy.LATEST).submissionId()).isEqualTo(newer);
        assertThat(counted(Assignment.Policy.BEST).submissionId()).isEqualTo(older);
    }

    @Test
    void bestTakesTheHighestShareAndATieGoesToTheLaterSubmission() {
        submission("graded", 1, 2, 1_000);
        long tiedLater = submission("graded", 5, 10, 2_000);
        submission("failed", 0, 0, 3_000);
        submission("graded", 0, 4, 4_000);

        ScoreRow best = counted(Assignment.Policy.BEST);

        assertThat(best.submissionId()).isEqualTo(tiedLater);
        assertThat(best.fraction()).isEqualTo(0.5);
        assertThat(best.submissions()).isEqualTo(4);
    }

    @Test
    void aFailedGradingCountsAsZeroAndOnlyFinishedGradingsCount() {
        long failed = submission("failed", 0, 0, 1_000);
        submission("queued", 0, 0, 0);
        submission("running", 0, 0, 0);

        ScoreRow latest = counted(Assignment.Policy.LATEST);

        assertThat(latest.submissionId()).isEqualTo(failed);
        assertThat(latest.status()).isEqualTo("failed");
        assertThat(latest.fraction()).isZero();
        assertThat(latest.submissions()).isEqualTo(1);
    }

    @Test
    void theCountedScoreStartsFromTheRawScore() {
        submission("graded", 3, 4, 1_000);

        ScoreRow row = counted(Assignment.Policy.BEST);

        assertThat(List.of(row.rawScore(), row.score(), row.maxScore())).containsExactly(3.0, 3.0, 4.0);
    }

    @Test
    void nothingCountsBeforeAGradingFinishes() {
        submission("queued", 0, 0, 0);

        Optional<ScoreRow> counted =
                jdbi.withHandle(h -> CountedGrades.forStudent(h, "alice", LAB, GradingRule.of(Assignment.Policy.BEST)));

        assertThat(counted).isEmpty();
    }

    private ScoreRow counted(Assignment.Policy policy) {
        return jdbi.withHandle(h -> CountedGrades.forStudent(h, "alice", LAB, GradingRule.of(policy)))
                .orElseThrow();
    }

    private long submission(String status, double score, double max, long finishedAt) {
        boolean finished = status.equals("graded") || status.equals("failed");
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO submissions (username, assignment, notebook_sha256, submitted_at, status,
                                                 not_before, finished_at, score, max_score)
                        VALUES ('alice', :a, :sha, 0, :status, 0, :finished, :score, :max)""")
                .bind("a", LAB)
                .bind("sha", "a".repeat(64))
                .bind("status", status)
                .bind("finished", finished ? finishedAt : null)
                .bind("score", finished ? score : null)
                .bind("max", finished ? max : null)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }
}
