package org.gofer.submission;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentKey;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Accepts submissions and answers questions about them. {@link #accept} returns only after the
 * raw notebook is fsynced under its SHA-256 and the row is committed, so a 202 sent after it
 * never loses a submission. Thread-safe.
 */
public final class SubmissionStore {
    private final Jdbi jdbi;
    private final NotebookFiles files;
    private final Clock clock;
    private volatile Runnable onAccepted = () -> {};

    public SubmissionStore(Jdbi jdbi, Path dataDir, Clock clock) {
        this.jdbi = jdbi;
        this.files = new NotebookFiles(dataDir);
        this.clock = clock;
    }

    /** Stores the notebook (once per content) and queues a new submission for it. */
    public Submission accept(String username, AssignmentKey key, byte[] notebookJson, String source) {
        return accept(username, key, notebookJson, source, Assignment.Attempts.none());
    }

    /**
     * Stores the notebook and queues a new submission for it, within the assignment's submission
     * limits: they are checked once before the notebook is written (so a refusal stores nothing)
     * and again inside the transaction that inserts the row (so concurrent submissions cannot pass
     * the limit together).
     *
     * @throws SubmissionRefusedException when the limits refuse it; no row was written
     */
    public Submission accept(
            String username, AssignmentKey key, byte[] notebookJson, String source, Assignment.Attempts limits) {
        if (limits.limited()) {
            jdbi.useHandle(h -> refuseBeyond(h, username, key, limits, clock.instant()));
        }
        String sha = files.store(notebookJson);
        long id = jdbi.inTransaction(h -> {
            // The clock is read inside the transaction: transactions run one at a time, so times rise with ids.
            long now = clock.millis();
            if (limits.limited()) {
                refuseBeyond(h, username, key, limits, Instant.ofEpochMilli(now));
            }
            h.createUpdate("INSERT OR IGNORE INTO notebooks (sha256, size_bytes, stored_at) VALUES (?, ?, ?)")
                    .bind(0, sha)
                    .bind(1, notebookJson.length)
                    .bind(2, now)
                    .execute();
            return h.createUpdate("""
                            INSERT INTO submissions (username, assignment, notebook_sha256, source, submitted_at,
                                                     status, not_before)
                            VALUES (:user, :assignment, :sha, :source, :now, :queued, :now)""")
                    .bind("queued", SubmissionStatus.QUEUED.wireName())
                    .bind("user", username)
                    .bind("assignment", key.toString())
                    .bind("sha", sha)
                    .bind("source", source)
                    .bind("now", now)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
        });
        onAccepted.run();
        return find(id).orElseThrow();
    }

    /** Where the student stands against the assignment's submission limits now. */
    public AttemptStatus attempts(String username, AssignmentKey key, Assignment.Attempts limits) {
        return jdbi.withHandle(h -> attempts(h, username, key, limits, clock.instant()));
    }

    private static AttemptStatus attempts(
            Handle h, String username, AssignmentKey key, Assignment.Attempts limits, Instant now) {
        return h.createQuery("""
                        SELECT count(*) AS used, max(submitted_at) AS latest
                          FROM submissions WHERE username = :user AND assignment = :assignment""")
                .bind("user", username)
                .bind("assignment", key.toString())
                .map((rs, ctx) -> {
                    int used = rs.getInt("used");
                    Object latest = rs.getObject("latest");
                    Optional<Instant> at = latest == null
                            ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(((Number) latest).longValue()));
                    return AttemptStatus.of(limits, used, at, now);
                })
                .one();
    }

    private static void refuseBeyond(
            Handle h, String username, AssignmentKey key, Assignment.Attempts limits, Instant now) {
        AttemptStatus status = attempts(h, username, key, limits, now);
        if (status.exhausted()) {
            throw SubmissionRefusedException.noneLeft("you have used all "
                    + status.max().orElseThrow() + " submissions allowed for " + key + "; nothing was stored");
        }
        if (status.nextAllowedAt().isPresent()) {
            long seconds = Math.max(
                    1, (Duration.between(now, status.nextAllowedAt().get()).toMillis() + 999) / 1000);
            throw SubmissionRefusedException.tooSoon(
                    "wait " + seconds + " s before submitting " + key + " again (at most one submission every "
                            + limits.minInterval().orElseThrow().toSeconds() + " s; next allowed at "
                            + status.nextAllowedAt().get() + "); nothing was stored",
                    seconds);
        }
    }

    /** Called after each accepted submission is committed (the workers' wake-up). */
    public void onAccepted(Runnable listener) {
        this.onAccepted = listener;
    }

    public Optional<Submission> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SubmissionRows.COLUMNS + " FROM submissions WHERE id = ?")
                .bind(0, id)
                .map(new SubmissionRows())
                .findOne());
    }

    /**
     * Newest first, optionally for one user and/or assignment; {@code beforeId} pages backwards
     * (pass {@link Long#MAX_VALUE} for the first page).
     */
    public List<Submission> list(Optional<String> username, Optional<String> assignment, int limit, long beforeId) {
        return list(username, Optional.empty(), assignment, limit, beforeId);
    }

    /** As {@link #list(Optional, Optional, int, long)}, optionally also for one course only. */
    public List<Submission> list(
            Optional<String> username, Optional<String> course, Optional<String> assignment, int limit, long beforeId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SubmissionRows.COLUMNS + """
                         FROM submissions
                        WHERE id < :before
                          AND (:user IS NULL OR username = :user)
                          AND (:course IS NULL OR substr(assignment, 1, length(:course) + 1) = :course || '/')
                          AND (:assignment IS NULL OR assignment = :assignment)
                        ORDER BY id DESC
                        LIMIT :limit""")
                .bind("before", beforeId)
                .bind("user", username.orElse(null))
                .bind("course", course.orElse(null))
                .bind("assignment", assignment.orElse(null))
                .bind("limit", Math.max(1, Math.min(limit, 10_000)))
                .map(new SubmissionRows())
                .list());
    }

    /** The notebook exactly as it was submitted. */
    public byte[] notebook(String sha256) {
        return files.read(sha256);
    }

    /** Path of a stored notebook, for tools that stream it. */
    public Path notebookPath(String sha256) {
        return files.pathOf(sha256);
    }

    /** Counts for the health page and metrics. */
    public QueueStats stats() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT coalesce(sum(status = :queued), 0)  AS queued,
                               coalesce(sum(status = :running), 0) AS running,
                               coalesce(sum(status = :graded), 0)  AS graded,
                               coalesce(sum(status = :failed), 0)  AS failed,
                               min(CASE WHEN status = :queued THEN submitted_at END) AS oldest_queued
                          FROM submissions""")
                .bind("queued", SubmissionStatus.QUEUED.wireName())
                .bind("running", SubmissionStatus.RUNNING.wireName())
                .bind("graded", SubmissionStatus.GRADED.wireName())
                .bind("failed", SubmissionStatus.FAILED.wireName())
                .map((rs, ctx) -> {
                    // min() over no queued row is NULL; read it as an object (getLong would say 0, the epoch).
                    Object oldest = rs.getObject("oldest_queued");
                    Optional<java.time.Instant> oldestQueued = oldest == null
                            ? Optional.empty()
                            : Optional.of(java.time.Instant.ofEpochMilli(((Number) oldest).longValue()));
                    return new QueueStats(
                            rs.getLong("queued"),
                            rs.getLong("running"),
                            rs.getLong("graded"),
                            rs.getLong("failed"),
                            oldestQueued);
                })
                .one());
    }
}
