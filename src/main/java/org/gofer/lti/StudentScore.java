package org.gofer.lti;

import java.util.ArrayList;
import java.util.List;
import org.gofer.assignment.Assignment;
import org.gofer.gradebook.RecordedGrade;
import org.jdbi.v3.core.Handle;

/**
 * The one number an LMS gets for a student and assignment: the assignment's policy (best or
 * latest) over that student's finished gradings, as a fraction of the points possible. A failed
 * grading counts as 0, as it does in the gradebook. Stateless.
 */
final class StudentScore {
    private StudentScore() {}

    /**
     * @param just the grade being recorded, counted even if its row is not visible yet
     * @return the fraction (may be outside [0, 1], or NaN when no grading had any points possible)
     */
    static double fraction(Handle handle, String username, String assignment, Assignment.Policy policy,
            RecordedGrade just) {
        List<Graded> rows = new ArrayList<>(handle.createQuery("""
                        SELECT id, status, score, max_score, COALESCE(finished_at, 0) AS finished_at
                        FROM submissions
                        WHERE username = :username AND assignment = :assignment
                          AND status IN ('graded', 'failed')
                        ORDER BY finished_at, id
                        """)
                .bind("username", username)
                .bind("assignment", assignment)
                .map((rs, ctx) -> new Graded(rs.getLong("id"), rs.getLong("finished_at"),
                        fractionOf(rs.getString("status"), rs.getDouble("score"), rs.getDouble("max_score"))))
                .list());
        if (just != null) {
            rows.removeIf(r -> r.id() == just.submissionId());
            rows.add(new Graded(just.submissionId(), just.recordedAt().toEpochMilli(),
                    fractionOf(just.status(), just.score(), just.maxScore())));
            rows.sort((a, b) -> a.finishedAt() != b.finishedAt()
                    ? Long.compare(a.finishedAt(), b.finishedAt()) : Long.compare(a.id(), b.id()));
        }
        if (rows.isEmpty()) {
            return Double.NaN;
        }
        if (policy == Assignment.Policy.LATEST) {
            return rows.get(rows.size() - 1).fraction();
        }
        // best: a grading without points possible (NaN) only matters when there is nothing else
        return rows.stream().mapToDouble(Graded::fraction).filter(f -> !Double.isNaN(f)).max().orElse(Double.NaN);
    }

    private static double fractionOf(String status, double score, double maxScore) {
        if ("failed".equals(status)) {
            return maxScore > 0 && score > 0 ? score / maxScore : 0.0;
        }
        return maxScore > 0 ? score / maxScore : Double.NaN;
    }

    private record Graded(long id, long finishedAt, double fraction) {}
}
