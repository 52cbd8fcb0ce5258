package org.gofer.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations with fixed upper bounds in seconds (cumulative buckets,
 * {@code _sum}, {@code _count}). Lock-free and thread-safe; a reader may see a sample in a bucket
 * before it is in the count, which Prometheus tolerates.
 */
public final class DurationHistogram {
    /** From a warm trivial notebook (a fraction of a second) up to the default five-minute limit. */
    public static final double[] GRADING_BOUNDS = {0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600};

    private final double[] bounds;
    private final AtomicLongArray buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    public DurationHistogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.buckets = new AtomicLongArray(bounds.length);
    }

    public void observe(Duration duration) {
        double seconds = Math.max(0, duration.toNanos() / 1e9);
        for (int i = 0; i < bounds.length; i++) {
            if (seconds <= bounds[i]) {
                buckets.incrementAndGet(i);
            }
        }
        sum.add(seconds);
        count.increment();
    }

    /** Writes the {@code _bucket}, {@code _sum} and {@code _count} samples of {@code name}. */
    void writeTo(PrometheusText out, String name, String help) {
        out.header(name, "histogram", help);
        for (int i = 0; i < bounds.length; i++) {
            out.sample(name + "_bucket", "le", PrometheusText.number(bounds[i]), buckets.get(i));
        }
        out.sample(name + "_bucket", "le", "+Inf", count.sum());
        out.sample(name + "_sum", sum.sum());
        out.sample(name + "_count", count.sum());
    }

    public long count() {
        return count.sum();
    }
}
