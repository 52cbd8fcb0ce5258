package org.gofer.gradebook;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** Rows as the grading workers leave them: a graded submission and its per-question scores. */
final class GradeFixtures {
    private GradeFixtures() {}

    /**
     * A graded submission with questions q1 (60 % of {@code max}) and q2 (40 %), their points
     * adding up to {@code score} (q1 filled first). The notebooks row "a"×64 must exist.
     */
    static long graded(Jdbi jdbi, String user, String assignment, Instant submittedAt, double score, double max) {
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("""
                            INSERT INTO submissions (username, assignment, notebook_sha256, submitted_at, status,
                                                     not_before, score, max_score, started_at, finished_at,
                                                     recorded_count)
                            VALUES (?, ?, ?, ?, 'graded', 0, ?, ?, ?, ?, 1)""")
                    .bind(0, user)
                    .bind(1, assignment)
                    .bind(2, "a".repeat(64))
                    .bind(3, submittedAt.toEpochMilli())
                    .bind(4, score)
                    .bind(5, max)
                    .bind(6, submittedAt.toEpochMilli() + 1000)
                    .bind(7, submittedAt.toEpochMilli() + 2000)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            double q1Max = 0.6 * max;
            double q1 = Math.min(score, q1Max);
            h.execute(
                    "INSERT INTO test_scores VALUES (?, 0, 'q1', ?, ?, 0, ?, '')", id, q1, q1Max, q1 == q1Max ? 1 : 0);
            h.execute(
                    "INSERT INTO test_scores VALUES (?, 1, 'q2', ?, ?, 0, ?, '')",
                    id,
                    score - q1,
                    max - q1Max,
                    score - q1 == max - q1Max ? 1 : 0);
            return id;
        });
    }
}
