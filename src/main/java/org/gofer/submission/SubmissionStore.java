package org.gofer.submission;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentKey;
import org.jdbi.v3.core.Jdbi;

/**
 * Accepts submissions and answers questions about them. {@link #accept} returns only after the
 * raw notebook is fsynced under its SHA-256 (file and directory entry) and the row is committed, so
 * a 202 sent after it never loses a submission. Rows are written by group commit
 * ({@link IntakeCommitter}): the submissions waiting at one moment share one transaction.
 * Thread-safe; {@link #close} commits what is waiting and stops the committer.
 */
public final class SubmissionStore implements AutoCloseable {
    private final Jdbi jdbi;
    private final NotebookFiles files;
    private final Clock clock;
    private final IntakeCommitter committer;
    private volatile Runnable onAccepted = () -> {};

    public SubmissionStore(Jdbi jdbi, Path dataDir, Clock clock) {
        this.jdbi = jdbi;
        this.files = new NotebookFiles(dataDir);
        this.clock = clock;
        this.committer = new IntakeCommitter(jdbi, new IntakeBatch(clock), () -> onAccepted.run());
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
     * @throws IntakeUnavailableException when the transaction failed or the store is closed; no row was written
     */
    public Submission accept(
            String username, AssignmentKey key, byte[] notebookJson, String source, Assignment.Attempts limits) {
        if (limits.limited()) {
            jdbi.useHandle(h -> AttemptLimits.refuseBeyond(h, username, key, limits, clock.instant()));
        }
        String sha = files.store(notebookJson);
        return committer.commit(
                new IntakeItem(username, key, sha, notebookJson.length, source, limits, files.directoryOf(sha)));
    }

    /** Where the student stands against the assignment's submission limits now. */
    public AttemptStatus attempts(String username, AssignmentKey key, Assignment.Attempts limits) {
        return jdbi.withHandle(h -> AttemptLimits.status(h, username, key, limits, clock.instant()));
    }

    /** How many transactions intake committed in this process, and how many submissions they held. */
    public IntakeStats intakeStats() {
        return new IntakeStats(committer.batches(), committer.committed());
    }

    /** Called after each batch of accepted submissions is committed (the workers' wake-up). */
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

    /** Commits the submissions already waiting, then refuses new ones (503). */
    @Override
    public void close() {
        committer.close();
    }
}
