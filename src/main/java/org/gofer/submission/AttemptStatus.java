package org.gofer.submission;

import java.time.Instant;
import java.util.Optional;
import org.gofer.assignment.Assignment;

/**
 * Where a student stands against an assignment's submission limits.
 *
 * @param used submissions made so far (instructors' regrades are not submissions)
 * @param max the most allowed, when limited
 * @param nextAllowedAt when the next submission is allowed, when the student must wait now
 * @param exhausted no submissions left
 */
public record AttemptStatus(int used, Optional<Integer> max, Optional<Instant> nextAllowedAt, boolean exhausted) {

    /** Works out the status from the student's count and latest submission time at {@code now}. */
    static AttemptStatus of(Assignment.Attempts limits, int used, Optional<Instant> latest, Instant now) {
        boolean exhausted = limits.maxSubmissions().map(m -> used >= m).orElse(false);
        Optional<Instant> next =
                limits.minInterval().flatMap(i -> latest.map(l -> l.plus(i))).filter(t -> t.isAfter(now));
        return new AttemptStatus(used, limits.maxSubmissions(), exhausted ? Optional.empty() : next, exhausted);
    }

    /** How many are left, when limited. */
    public Optional<Integer> remaining() {
        return max.map(m -> Math.max(0, m - used));
    }
}
