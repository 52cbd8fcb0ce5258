package org.gofer.gradebook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * One row of the append-only audit log {@code grade_changes}: who changed a student's grade on an
 * assignment, when, how (an override set or cleared, an extension granted or revoked), the final
 * score before and after (empty: no counted grade), and why.
 */
public record GradeChange(
        long id,
        String username,
        String assignment,
        String kind,
        Optional<String> question,
        Optional<String> detail,
        Optional<Double> oldFinal,
        Optional<Double> newFinal,
        String reason,
        String actor,
        Instant changedAt) {

    /** The student's changes on an assignment, newest first. */
    public static List<GradeChange> of(Handle h, String username, String assignment) {
        return h.createQuery("""
                        SELECT id, username, assignment, kind, question, detail, old_final, new_final, reason, actor,
                               changed_at
                          FROM grade_changes WHERE username = ? AND assignment = ? ORDER BY id DESC""")
                .bind(0, username)
                .bind(1, assignment)
                .map((rs, ctx) -> new GradeChange(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Optional.ofNullable(rs.getString(5)),
                        Optional.ofNullable(rs.getString(6)),
                        rs.getObject(7) == null ? Optional.empty() : Optional.of(rs.getDouble(7)),
                        rs.getObject(8) == null ? Optional.empty() : Optional.of(rs.getDouble(8)),
                        rs.getString(9),
                        rs.getString(10),
                        Instant.ofEpochMilli(rs.getLong(11))))
                .list();
    }

    static void append(
            Handle h,
            String username,
            String assignment,
            String kind,
            String question,
            String detail,
            Optional<ScoreRow> before,
            Optional<ScoreRow> after,
            String reason,
            String actor,
            Instant at) {
        h.createUpdate("""
                        INSERT INTO grade_changes (username, assignment, kind, question, detail, old_final, new_final,
                                                   reason, actor, changed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .bind(0, username)
                .bind(1, assignment)
                .bind(2, kind)
                .bind(3, question)
                .bind(4, detail)
                .bind(5, before.map(ScoreRow::score).orElse(null))
                .bind(6, after.map(ScoreRow::score).orElse(null))
                .bind(7, reason)
                .bind(8, actor)
                .bind(9, at.toEpochMilli())
                .execute();
    }
}
