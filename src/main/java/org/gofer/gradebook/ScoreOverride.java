package org.gofer.gradebook;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * An instructor's score for a student on an assignment.
 *
 * @param question {@link CountedGrades#WHOLE_SCORE} for the whole score, else a test's name
 * @param points the points that replace the counted (or that question's) points
 */
public record ScoreOverride(
        String username,
        String assignment,
        String question,
        double points,
        String reason,
        String setBy,
        Instant setAt) {

    public boolean wholeScore() {
        return question.equals(CountedGrades.WHOLE_SCORE);
    }

    /** The student's overrides on an assignment, whole score first. */
    public static List<ScoreOverride> of(Handle h, String username, String assignment) {
        return h.createQuery("""
                        SELECT username, assignment, question, points, reason, set_by, set_at FROM score_overrides
                         WHERE username = ? AND assignment = ? ORDER BY question""")
                .bind(0, username)
                .bind(1, assignment)
                .map((rs, ctx) -> new ScoreOverride(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getDouble(4),
                        rs.getString(5),
                        rs.getString(6),
                        Instant.ofEpochMilli(rs.getLong(7))))
                .list();
    }
}
