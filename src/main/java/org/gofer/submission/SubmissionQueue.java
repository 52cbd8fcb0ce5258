package org.gofer.submission;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The durable queue: the {@code submissions} table itself. A worker claims the oldest runnable row
 * with a lease; a row whose lease ran out (its worker or the whole service died) is claimable
 * again, so every accepted submission is graded even across a crash. Recording a grade requires
 * the lease (see {@code Gradebook.record}), so a submission's grade is recorded exactly once.
 * Thread-safe; SQLite serialises the claims.
 */
public final class SubmissionQueue {
    private static final String QUEUED = SubmissionStatus.QUEUED.wireName();
    private static final String RUNNING = SubmissionStatus.RUNNING.wireName();
    private final Jdbi jdbi;
    private final Clock clock;

    public SubmissionQueue(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Claims the next job for {@code owner}, or empty when nothing is runnable now. */
    public Optional<GradingJob> claim(String owner, Duration lease) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            Optional<Long> id = h.createQuery("""
                            SELECT id FROM submissions
                             WHERE (status = :queued AND not_before <= :now)
                                OR (status = :running AND lease_until < :now)
                             ORDER BY not_before, id
                             LIMIT 1""")
                    .bind("queued", QUEUED)
                    .bind("running", RUNNING)
                    .bind("now", now)
                    .mapTo(Long.class)
                    .findOne();
            if (id.isEmpty()) {
                return Optional.empty();
            }
            h.createUpdate("""
                            UPDATE submissions
                               SET status = :running, lease_owner = :owner, lease_until = :until,
                                   attempts = attempts + 1, started_at = :now
                             WHERE id = :id""")
                    .bind("running", RUNNING)
                    .bind("owner", owner)
                    .bind("until", now + lease.toMillis())
                    .bind("now", now)
                    .bind("id", id.get())
                    .execute();
            Submission s = h.createQuery("SELECT " + SubmissionRows.COLUMNS + " FROM submissions WHERE id = ?")
                    .bind(0, id.get())
                    .map(new SubmissionRows())
                    .one();
            return Optional.of(new GradingJob(s, owner));
        });
    }

    /** Extends a lease still held; false when the lease was lost (the job belongs to someone else). */
    public boolean renew(GradingJob job, Duration lease) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> h.createUpdate("""
                        UPDATE submissions SET lease_until = :until
                         WHERE id = :id AND status = :running AND lease_owner = :owner""")
                        .bind("running", RUNNING)
                        .bind("until", now + lease.toMillis())
                        .bind("id", job.submission().id())
                        .bind("owner", job.leaseOwner())
                        .execute()
                == 1);
    }

    /**
     * Puts a job back for a later attempt, when grading could not run for reasons that are not the
     * submission's (Docker restarting, image missing).
     */
    public boolean retryLater(GradingJob job, Duration delay, String error) {
        return putBack(job, delay, error, false);
    }

    /**
     * Puts a job back to wait for something it needs (its assignment's environment being built):
     * like {@link #retryLater}, but the claim that found it not ready does not count as an attempt.
     */
    public boolean waitLater(GradingJob job, Duration delay, String reason) {
        return putBack(job, delay, reason, true);
    }

    private boolean putBack(GradingJob job, Duration delay, String note, boolean refundAttempt) {
        long now = clock.millis();
        // A wait for something the job needs gives back the attempt its claim counted.
        String sql = "UPDATE submissions SET status = :queued, not_before = :notBefore, lease_owner = NULL,"
                + " lease_until = NULL, last_error = :error"
                + (refundAttempt ? ", attempts = MAX(0, attempts - 1)" : "")
                + " WHERE id = :id AND status = :running AND lease_owner = :owner";
        return jdbi.inTransaction(h -> h.createUpdate(sql)
                        .bind("queued", QUEUED)
                        .bind("running", RUNNING)
                        .bind("notBefore", now + delay.toMillis())
                        .bind("error", truncate(note))
                        .bind("id", job.submission().id())
                        .bind("owner", job.leaseOwner())
                        .execute()
                == 1);
    }

    /** Makes the queued jobs that wait for one of these reasons runnable now (what they waited for may be there). */
    public int releaseWaiting(java.util.Collection<String> reasons) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> h.createUpdate("""
                        UPDATE submissions SET not_before = :now
                         WHERE status = :queued AND not_before > :now AND last_error IN (<reasons>)""")
                .bind("queued", QUEUED)
                .bind("now", now)
                .bindList("reasons", java.util.List.copyOf(reasons))
                .execute());
    }

    /**
     * At start-up: jobs left running by a previous process of this service are queued again at
     * once instead of waiting for their leases to run out. Only one service may use a database.
     */
    public int recoverAbandoned(String currentOwnerPrefix) {
        return jdbi.inTransaction(h -> h.createUpdate("""
                        UPDATE submissions SET status = :queued, lease_owner = NULL, lease_until = NULL,
                               last_error = 'the service stopped while this was being graded; graded again'
                         WHERE status = :running AND (lease_owner IS NULL OR lease_owner NOT LIKE :mine)""")
                .bind("queued", QUEUED)
                .bind("running", RUNNING)
                .bind("mine", currentOwnerPrefix + "%")
                .execute());
    }

    /** The last infrastructure error of a queued job, for instructors. */
    public Optional<String> lastError(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_error FROM submissions WHERE id = ?")
                .bind(0, id)
                .mapTo(String.class)
                .findOne());
    }

    /** Sends already graded submissions of an assignment (or one submission) through grading again. */
    public int requeue(Optional<Long> id, Optional<String> assignment) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> h.createUpdate("""
                        UPDATE submissions SET status = :queued, not_before = :now, lease_owner = NULL,
                               lease_until = NULL
                         WHERE status IN (<final>)
                           AND (:id IS NULL OR id = :id)
                           AND (:assignment IS NULL OR assignment = :assignment)""")
                .bind("queued", QUEUED)
                .bindList("final", SubmissionStatus.finalWireNames())
                .bind("now", now)
                .bind("id", id.orElse(null))
                .bind("assignment", assignment.orElse(null))
                .execute());
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 2000 ? s.substring(0, 2000) : s;
    }
}
