package org.gofer.gradebook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A student's own due date (and, optionally, cutoff) on one assignment, granted by an instructor.
 *
 * @param cutoff after it intake refuses this student; empty: the policy's {@code cutoff_after}
 *     counted from the new due date
 */
public record Extension(
        String username,
        String assignment,
        Instant dueAt,
        Optional<Instant> cutoff,
        String reason,
        String grantedBy,
        Instant grantedAt) {

    /** The student's extension, read in the caller's handle. */
    public static Optional<Extension> find(Handle h, String username, String assignment) {
        return h.createQuery("""
                        SELECT username, assignment, due_at, cutoff_at, reason, granted_by, granted_at
                          FROM extensions WHERE username = ? AND assignment = ?""")
                .bind(0, username)
                .bind(1, assignment)
                .map(Extension::read)
                .findOne();
    }

    /** Every extension the student has, read in the caller's handle. */
    static List<Extension> allOf(Handle h, String username) {
        return h.createQuery("""
                        SELECT username, assignment, due_at, cutoff_at, reason, granted_by, granted_at
                          FROM extensions WHERE username = ?""").bind(0, username).map(Extension::read).list();
    }

    private static Extension read(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Extension(
                rs.getString(1),
                rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getObject(4) == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rs.getLong(4))),
                rs.getString(5),
                rs.getString(6),
                Instant.ofEpochMilli(rs.getLong(7)));
    }
}
