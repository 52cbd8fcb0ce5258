package org.gofer.lti;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff for passback attempts: {@code first × factor^(n-1)}, capped, with up to 20 %
 * jitter so that many rows failing together do not retry together; after {@code maxAttempts} the
 * row fails for good. The defaults (1 min, ×4, cap 12 h, 12 attempts) keep trying for about four
 * days, longer than an LMS outage over a weekend. Immutable.
 */
public record RetryPolicy(Duration first, double factor, Duration cap, int maxAttempts) {

    public RetryPolicy {
        if (first.isNegative() || cap.compareTo(first) < 0 || factor < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy needs 0 <= first <= cap, factor >= 1, maxAttempts >= 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMinutes(1), 4, Duration.ofHours(12), 12);
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        double millis = first.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
        long capped = (long) Math.min(millis, cap.toMillis());
        long jitter = capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return Duration.ofMillis(Math.min(cap.toMillis(), capped + jitter));
    }
}
