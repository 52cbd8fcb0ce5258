package org.gofer.sandbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sweep now and then every period on a daemon thread of its own, until closed: what both
 * executors' leftover sweepers (containers on Docker, Jobs on Kubernetes) need. Thread-safe.
 */
public final class PeriodicSweep implements AutoCloseable {
    private final String threadName;
    private final Runnable sweep;
    private ScheduledExecutorService timer;

    public PeriodicSweep(String threadName, Runnable sweep) {
        this.threadName = threadName;
        this.sweep = sweep;
    }

    /** Sweeps now and then every {@code period}; a second call does nothing. */
    public synchronized void start(Duration period) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(sweep, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
