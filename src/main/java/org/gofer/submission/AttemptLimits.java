package org.gofer.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentKey;
import org.jdbi.v3.core.Handle;

/** Reads a student's submissions against an assignment's limits, on the caller's handle. Stateless. */
final class AttemptLimits {
    private AttemptLimits() {}

    static AttemptStatus status(Handle h, String username, AssignmentKey key, Assignment.Attempts limits, Instant now) {
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

    /** @throws SubmissionRefusedException when the limits refuse one more submission at {@code now} */
    static void refuseBeyond(Handle h, String username, AssignmentKey key, Assignment.Attempts limits, Instant now) {
        AttemptStatus status = status(h, username, key, limits, now);
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
}
