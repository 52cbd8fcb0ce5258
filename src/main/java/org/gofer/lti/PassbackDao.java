package org.gofer.lti;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the outbox ({@code lti_passbacks}) and its audit log. Stateless; runs on the caller's handle. */
final class PassbackDao {
    private PassbackDao() {}

    /**
     * Inserts a row for {@code target} and marks every pending older row of the same target
     * superseded by it, so that only the newest score is ever sent.
     *
     * @return the new row's id
     */
    static long insert(
            Handle h,
            PassbackTarget target,
            String username,
            String assignment,
            Long submissionId,
            String origin,
            String score,
            PassbackStatus status,
            String error,
            Instant now) {
        long id = h.createUpdate("""
                        INSERT INTO lti_passbacks (protocol, consumer_key, endpoint_url, recipient_id, username,
                                                   assignment, submission_id, origin, score, status, attempts,
                                                   next_attempt_at, created_at, updated_at, last_error)
                        VALUES (:protocol, :key, :url, :recipient, :username, :assignment, :submission, :origin,
                                :score, :status, 0, :now, :now, :now, :error)
                        """)
                .bind("protocol", target.protocol())
                .bind("key", target.consumerKey())
                .bind("url", target.endpointUrl())
                .bind("recipient", target.recipientId())
                .bind("username", username)
                .bind("assignment", assignment)
                .bind("submission", submissionId)
                .bind("origin", origin)
                .bind("score", score)
                .bind("status", status.dbValue())
                .bind("now", now.toEpochMilli())
                .bind("error", error)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        h.createUpdate("""
                        UPDATE lti_passbacks SET status = 'superseded', superseded_by = :id, updated_at = :now
                        WHERE protocol = :protocol AND consumer_key = :key AND endpoint_url = :url
                          AND recipient_id = :recipient AND status = 'pending' AND id < :id
                        """)
                .bind("id", id)
                .bind("now", now.toEpochMilli())
                .bind("protocol", target.protocol())
                .bind("key", target.consumerKey())
                .bind("url", target.endpointUrl())
                .bind("recipient", target.recipientId())
                .execute();
        return id;
    }

    /** Pending rows whose next attempt is due, oldest first. */
    static List<Passback> due(Handle h, Instant now, int limit) {
        return h.createQuery("""
                        SELECT * FROM lti_passbacks WHERE status = 'pending' AND next_attempt_at <= :now
                        ORDER BY next_attempt_at, id LIMIT :limit
                        """)
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    static Optional<Passback> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM lti_passbacks WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /**
     * The newest row of every target, filtered by assignment, hub user and status (null = any):
     * what an instructor needs to see per student.
     */
    static List<Passback> latestPerTarget(Handle h, String assignment, String username, String status, int limit) {
        return h.createQuery("""
                        SELECT p.* FROM lti_passbacks p
                        WHERE p.id = (SELECT max(q.id) FROM lti_passbacks q
                                      WHERE q.protocol = p.protocol AND q.consumer_key = p.consumer_key
                                        AND q.endpoint_url = p.endpoint_url AND q.recipient_id = p.recipient_id)
                          AND (:a IS NULL OR p.assignment = :a) AND (:u IS NULL OR p.username = :u)
                          AND (:s IS NULL OR p.status = :s)
                        ORDER BY p.assignment, p.username, p.id LIMIT :limit
                        """)
                .bind("a", assignment)
                .bind("u", username)
                .bind("s", status)
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** Appends one attempt to the audit log. */
    static void recordAttempt(Handle h, long passbackId, int attempt, Instant at, PassbackResult r) {
        h.createUpdate("""
                        INSERT INTO lti_passback_attempts (passback_id, attempt, attempted_at, message_id, body_sha1,
                                                           http_status, code_major, description, outcome, latency_ms)
                        VALUES (:id, :attempt, :at, :message, :sha1, :http, :major, :description, :outcome, :latency)
                        """)
                .bind("id", passbackId)
                .bind("attempt", attempt)
                .bind("at", at.toEpochMilli())
                .bind("message", r.messageId())
                .bind("sha1", r.bodySha1())
                .bind("http", r.httpStatus())
                .bind("major", r.codeMajor())
                .bind("description", truncate(r.description()))
                .bind("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .bind("latency", r.latencyMillis())
                .execute();
    }

    /**
     * Stores an attempt's result on the row. The status only moves if the row is still pending:
     * a row superseded while its request was in flight stays superseded.
     */
    static void applyResult(
            Handle h,
            long id,
            int attempt,
            PassbackStatus next,
            Instant nextAttemptAt,
            PassbackResult r,
            String error,
            Instant now) {
        h.createUpdate("""
                        UPDATE lti_passbacks SET attempts = :attempt, last_http = :http, last_code_major = :major,
                               last_error = :error, updated_at = :now
                        WHERE id = :id
                        """)
                .bind("id", id)
                .bind("attempt", attempt)
                .bind("http", r.httpStatus())
                .bind("major", r.codeMajor())
                .bind("error", truncate(error))
                .bind("now", now.toEpochMilli())
                .execute();
        h.createUpdate("""
                        UPDATE lti_passbacks SET status = :status, next_attempt_at = :next,
                               delivered_at = CASE WHEN :status = 'delivered' THEN :now ELSE delivered_at END
                        WHERE id = :id AND status = 'pending'
                        """)
                .bind("id", id)
                .bind("status", next.dbValue())
                .bind("next", nextAttemptAt.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** The audit log of one row, oldest first. */
    static List<PassbackAttempt> attempts(Handle h, long passbackId) {
        return h.createQuery("SELECT * FROM lti_passback_attempts WHERE passback_id = :id ORDER BY id")
                .bind("id", passbackId)
                .map((rs, ctx) -> new PassbackAttempt(
                        rs.getInt("attempt"),
                        Instant.ofEpochMilli(rs.getLong("attempted_at")),
                        rs.getString("message_id"),
                        rs.getString("body_sha1"),
                        intOrNull(rs, "http_status"),
                        rs.getString("code_major"),
                        rs.getString("description"),
                        rs.getString("outcome"),
                        rs.getLong("latency_ms")))
                .list();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }

    private static Passback map(ResultSet rs) throws SQLException {
        return new Passback(
                rs.getLong("id"),
                new PassbackTarget(
                        rs.getString("protocol"),
                        rs.getString("consumer_key"),
                        rs.getString("endpoint_url"),
                        rs.getString("recipient_id")),
                rs.getString("username"),
                rs.getString("assignment"),
                longOrNull(rs, "submission_id"),
                rs.getString("origin"),
                rs.getString("score"),
                PassbackStatus.fromDb(rs.getString("status")),
                rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                instantOrNull(rs, "delivered_at"),
                longOrNull(rs, "superseded_by"),
                intOrNull(rs, "last_http"),
                rs.getString("last_code_major"),
                rs.getString("last_error"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        Long v = longOrNull(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }
}
