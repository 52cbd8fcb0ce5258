package org.gofer.pages;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.submission.SubmissionStatus;
import org.jdbi.v3.core.Jdbi;

/**
 * What the queue page and the regrade progress show: submissions being graded, recent failures,
 * jobs waiting to retry, and per-assignment counts by status. Each list is capped and read
 * through an index. Thread-safe.
 */
final class QueueMonitor {
    static final int LIST_LIMIT = 25;

    private final Jdbi jdbi;

    QueueMonitor(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A submission as the queue page lists it.
     *
     * @param at when it started (running), finished (failed) or may next run (retrying)
     * @param note the failure reason or the last infrastructure error
     */
    record Entry(long id, String username, String assignment, Optional<Instant> at, String note) {}

    List<Entry> running() {
        return list("""
                SELECT id, username, assignment, started_at AS at, NULL AS note FROM submissions
                 WHERE status = :status ORDER BY started_at LIMIT :limit""", SubmissionStatus.RUNNING);
    }

    List<Entry> recentFailures() {
        return list("""
                SELECT id, username, assignment, finished_at AS at, reason AS note FROM submissions
                 WHERE status = :status ORDER BY finished_at DESC LIMIT :limit""", SubmissionStatus.FAILED);
    }

    /** Queued jobs that could not run (Docker down, broken assignment.json) and wait for a retry. */
    List<Entry> retrying() {
        return list("""
                SELECT id, username, assignment, not_before AS at, last_error AS note FROM submissions
                 WHERE status = :status AND last_error IS NOT NULL ORDER BY not_before LIMIT :limit""", SubmissionStatus.QUEUED);
    }

    /** How many of an assignment's submissions are in each state (the regrade's progress). */
    Map<SubmissionStatus, Long> countsOf(String assignment) {
        Map<SubmissionStatus, Long> out = new EnumMap<>(SubmissionStatus.class);
        for (SubmissionStatus s : SubmissionStatus.values()) {
            out.put(s, 0L);
        }
        jdbi.useHandle(h -> h.createQuery(
                        "SELECT status, count(*) FROM submissions WHERE assignment = ? GROUP BY status")
                .bind(0, assignment)
                .map((rs, ctx) -> Map.entry(SubmissionStatus.fromWire(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    private List<Entry> list(String sql, SubmissionStatus status) {
        return jdbi.withHandle(h -> h.createQuery(sql)
                .bind("status", status.wireName())
                .bind("limit", LIST_LIMIT)
                .map((rs, ctx) -> {
                    long at = rs.getLong("at");
                    Optional<Instant> when = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
                    return new Entry(
                            rs.getLong("id"),
                            rs.getString("username"),
                            rs.getString("assignment"),
                            when,
                            rs.getString("note"));
                })
                .list());
    }
}
