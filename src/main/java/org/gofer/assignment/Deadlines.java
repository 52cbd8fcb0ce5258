package org.gofer.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an assignment takes submissions and how lateness costs points, from {@code assignment.json}
 * ({@code opens_at}, {@code due_at} or its alias {@code deadline}, {@code late_policy}); validated by
 * {@link DeadlineSettings}. A student's extension replaces {@code dueAt} (and the cutoff) for them
 * only. Immutable.
 *
 * @param opensAt before it, intake refuses; empty: open from the start
 * @param dueAt submissions after it are late; empty: nothing is ever late
 * @param late the penalty and cutoff; empty: late submissions are accepted and only marked late
 */
public record Deadlines(Optional<Instant> opensAt, Optional<Instant> dueAt, Optional<LatePolicy> late) {

    public static Deadlines none() {
        return new Deadlines(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The instant after which intake refuses, for a student whose due date is {@code due} and whose
     * extension may name its own cutoff.
     */
    public Optional<Instant> cutoff(Optional<Instant> due, Optional<Instant> extensionCutoff) {
        if (extensionCutoff.isPresent()) {
            return extensionCutoff;
        }
        return late.flatMap(LatePolicy::cutoffAfter).flatMap(after -> due.map(d -> d.plus(after)));
    }

    /**
     * How lateness costs points. Lateness is {@code submitted_at - due}; within {@code grace} it
     * costs nothing; past it every started {@code per} (day or hour, counted from the due date)
     * costs {@code penaltyPercent} of the points possible, at most 100 %.
     *
     * @param grace forgiven lateness (0 or more)
     * @param penaltyPercent percent of the points possible per started unit, in [0, 100]
     * @param per the unit: one day or one hour
     * @param cutoffAfter how long after the (student's) due date intake still takes submissions
     */
    public record LatePolicy(Duration grace, double penaltyPercent, Duration per, Optional<Duration> cutoffAfter) {

        /** Points lost by a submission {@code lateness} after the due date, out of {@code maxScore}. */
        public double penalty(Duration lateness, double maxScore) {
            if (lateness.compareTo(grace) <= 0 || lateness.isNegative()) {
                return 0;
            }
            long units = (lateness.toMillis() + per.toMillis() - 1) / per.toMillis();
            return Math.min(100.0, penaltyPercent * units) * maxScore / 100.0;
        }

        /** "10 % of the points per started day after a 15-minute grace; no submissions after 3 days". */
        public String describe() {
            StringBuilder s = new StringBuilder();
            s.append(number(penaltyPercent))
                    .append(" % of the points per started ")
                    .append(per.equals(Duration.ofHours(1)) ? "hour" : "day")
                    .append(" late");
            if (!grace.isZero()) {
                s.append(", after a grace of ").append(grace.toMinutes()).append(" minutes");
            }
            cutoffAfter.ifPresent(c ->
                    s.append("; no submissions later than ").append(words(c)).append(" after the due date"));
            return s.toString();
        }

        private static String words(Duration d) {
            if (d.toHours() % 24 == 0 && d.toHours() > 0) {
                return d.toDays() + " day" + (d.toDays() == 1 ? "" : "s");
            }
            if (d.toMinutes() % 60 == 0) {
                return d.toHours() + " hour" + (d.toHours() == 1 ? "" : "s");
            }
            return d.toMinutes() + " minutes";
        }

        private static String number(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
