package org.gofer.terminal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The gradebook's record of debug terminal sessions ({@code terminal_sessions}): a row when a
 * session starts, its container once created, and its end. Thread-safe.
 */
public final class TerminalLog {
    private static final int MAX_DETAIL = 1000;

    private final Jdbi jdbi;

    public TerminalLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the new session's number */
    long started(long submissionId, String instructor, String image, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO terminal_sessions (submission_id, instructor, image, started_at)
                        VALUES (:submission, :instructor, :image, :at)""")
                .bind("submission", submissionId)
                .bind("instructor", instructor)
                .bind("image", image)
                .bind("at", at.toEpochMilli())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    void container(long id, String container) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE terminal_sessions SET container = :c WHERE id = :id")
                .bind("c", container)
                .bind("id", id)
                .execute());
    }

    void ended(long id, EndReason reason, Optional<String> detail, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE terminal_sessions SET ended_at = :at, end_reason = :reason, detail = :detail
                         WHERE id = :id AND ended_at IS NULL""")
                .bind("at", at.toEpochMilli())
                .bind("reason", reason.dbValue())
                .bind(
                        "detail",
                        detail.map(d -> d.length() > MAX_DETAIL ? d.substring(0, MAX_DETAIL) : d)
                                .orElse(null))
                .bind("id", id)
                .execute());
    }

    /**
     * Closes the rows a previous run of the service left open: one service per gradebook, so no
     * session of it is running now.
     *
     * @return how many were closed
     */
    int closeLeftovers(Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE terminal_sessions SET ended_at = :at, end_reason = :reason WHERE ended_at IS NULL""")
                .bind("at", at.toEpochMilli())
                .bind("reason", EndReason.SERVICE_RESTARTED.dbValue())
                .execute());
    }

    /** The newest sessions first, of one submission or of all. */
    public List<TerminalRecord> list(Optional<Long> submissionId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM terminal_sessions
                         WHERE :submission IS NULL OR submission_id = :submission
                         ORDER BY id DESC LIMIT :limit""")
                .bind("submission", submissionId.orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list());
    }

    private static TerminalRecord row(ResultSet rs) throws SQLException {
        long ended = rs.getLong("ended_at");
        Optional<Instant> endedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
        return new TerminalRecord(
                rs.getLong("id"),
                rs.getLong("submission_id"),
                rs.getString("instructor"),
                rs.getString("image"),
                Optional.ofNullable(rs.getString("container")),
                Instant.ofEpochMilli(rs.getLong("started_at")),
                endedAt,
                Optional.ofNullable(rs.getString("end_reason")),
                Optional.ofNullable(rs.getString("detail")));
    }
}
