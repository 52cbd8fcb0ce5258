package org.gofer.submission;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Inserts the rows of one batch of submissions inside the caller's transaction. Each item's
 * attempt limits are checked again here, after the items before it in the same batch were
 * inserted, so two submissions of one student in one batch cannot pass a limit together; a refused
 * item writes nothing and the others go on. Stateless apart from the clock; thread-safe.
 */
final class IntakeBatch {
    private final Clock clock;

    IntakeBatch(Clock clock) {
        this.clock = clock;
    }

    /** What became of one item: its new row, or why the limits refused it. */
    record Outcome(Submission submission, SubmissionRefusedException refused) {}

    /** One outcome per item, in order. Any other failure propagates and rolls the whole batch back. */
    List<Outcome> insert(Handle h, List<IntakeItem> items) {
        List<Outcome> outcomes = new ArrayList<>(items.size());
        for (IntakeItem item : items) {
            // Read inside the transaction: transactions run one at a time, so times rise with ids.
            long now = clock.millis();
            if (item.limits().limited()) {
                try {
                    AttemptLimits.refuseBeyond(
                            h, item.username(), item.key(), item.limits(), Instant.ofEpochMilli(now));
                } catch (SubmissionRefusedException e) {
                    outcomes.add(new Outcome(null, e));
                    continue;
                }
            }
            outcomes.add(new Outcome(insert(h, item, now), null));
        }
        return outcomes;
    }

    private static Submission insert(Handle h, IntakeItem item, long now) {
        h.createUpdate("INSERT OR IGNORE INTO notebooks (sha256, size_bytes, stored_at) VALUES (?, ?, ?)")
                .bind(0, item.sha256())
                .bind(1, item.sizeBytes())
                .bind(2, now)
                .execute();
        long id = h.createUpdate("""
                        INSERT INTO submissions (username, assignment, notebook_sha256, source, submitted_at,
                                                 status, not_before)
                        VALUES (:user, :assignment, :sha, :source, :now, :queued, :now)""")
                .bind("queued", SubmissionStatus.QUEUED.wireName())
                .bind("user", item.username())
                .bind("assignment", item.key().toString())
                .bind("sha", item.sha256())
                .bind("source", item.source())
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        // The row as the table's defaults make it: no need to read it back.
        return new Submission(
                id,
                item.username(),
                item.key().toString(),
                item.sha256(),
                item.source(),
                Instant.ofEpochMilli(now),
                SubmissionStatus.QUEUED,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
    }
}
