package org.gofer.submission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code submissions} row; nullable columns become {@link Optional}. */
final class SubmissionRows implements RowMapper<Submission> {
    static final String COLUMNS = "id, username, assignment, notebook_sha256, source, submitted_at, status, attempts, "
            + "started_at, finished_at, score, max_score, reason, suspicious";

    @Override
    public Submission map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Submission(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("assignment"),
                rs.getString("notebook_sha256"),
                rs.getString("source"),
                Instant.ofEpochMilli(rs.getLong("submitted_at")),
                SubmissionStatus.fromWire(rs.getString("status")),
                rs.getInt("attempts"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                decimal(rs, "score"),
                decimal(rs, "max_score"),
                Optional.ofNullable(rs.getString("reason")),
                rs.getInt("suspicious") != 0);
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static Optional<Double> decimal(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
