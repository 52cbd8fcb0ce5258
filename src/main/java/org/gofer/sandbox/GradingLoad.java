package org.gofer.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many gradings run in containers now, against how many the service runs at once (its
 * workers). When every worker is busy, a container pre-started now will wait behind running
 * gradings, and what it does while waiting takes their CPU: the warm pool then asks it to import
 * less. Thread-safe.
 */
final class GradingLoad {
    private final AtomicInteger running = new AtomicInteger();
    private final int workers;

    /** @param workers how many gradings the service runs at once */
    GradingLoad(int workers) {
        this.workers = workers;
    }

    /** A load that never counts as busy: for runners whose callers are not the service's workers. */
    static GradingLoad unbounded() {
        return new GradingLoad(Integer.MAX_VALUE);
    }

    void started() {
        running.incrementAndGet();
    }

    void finished() {
        running.decrementAndGet();
    }

    /** Whether every worker is grading now. */
    boolean everyWorkerBusy() {
        return running.get() >= workers;
    }
}
