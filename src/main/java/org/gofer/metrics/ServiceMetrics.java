package org.gofer.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.gofer.submission.IntakeStats;
import org.gofer.submission.QueueStats;

/**
 * Everything {@code GET {prefix}metrics} shows, rendered per scrape: queue depth, running gradings
 * and the oldest wait (from the gradebook, so they are right across restarts), submissions by
 * status, this process's grading durations and recorded grades, workers and the warm pool.
 * Thread-safe.
 */
public final class ServiceMetrics {
    private final Supplier<QueueStats> queue;
    private final Supplier<IntakeStats> intake;
    private final GradingMetrics grading;
    private final int workers;
    private final IntSupplier warmReady;
    private final int warmTarget;
    private final Clock clock;

    /**
     * @param queue the gradebook's counts (one indexed query per scrape)
     * @param intake the group commit's counters in this process
     * @param warmReady warm containers waiting now
     * @param warmTarget the configured warm pool size
     */
    public ServiceMetrics(
            Supplier<QueueStats> queue,
            Supplier<IntakeStats> intake,
            GradingMetrics grading,
            int workers,
            IntSupplier warmReady,
            int warmTarget,
            Clock clock) {
        this.queue = queue;
        this.intake = intake;
        this.grading = grading;
        this.workers = workers;
        this.warmReady = warmReady;
        this.warmTarget = warmTarget;
        this.clock = clock;
    }

    /** The Prometheus content type of {@link #render()}. */
    public static String contentType() {
        return PrometheusText.CONTENT_TYPE;
    }

    public String render() {
        QueueStats stats = queue.get();
        PrometheusText out = new PrometheusText();
        out.single("gofer_queue_depth", "gauge", "Submissions waiting to be graded.", stats.queued());
        out.single("gofer_grading_running", "gauge", "Submissions being graded now.", stats.running());
        double oldest = stats.oldestQueued()
                .map(t -> Math.max(0, Duration.between(t, clock.instant()).toMillis() / 1000.0))
                .orElse(0.0);
        out.single(
                "gofer_queue_oldest_wait_seconds",
                "gauge",
                "How long the oldest waiting submission has waited since it was submitted (0 when none waits).",
                oldest);
        out.header("gofer_submissions", "gauge", "Submissions in the gradebook by status.");
        out.sample("gofer_submissions", "status", "queued", stats.queued());
        out.sample("gofer_submissions", "status", "running", stats.running());
        out.sample("gofer_submissions", "status", "graded", stats.graded());
        out.sample("gofer_submissions", "status", "failed", stats.failed());
        IntakeStats committed = intake.get();
        out.single(
                "gofer_intake_batches_total",
                "counter",
                "Intake transactions committed by this process; each holds the submissions that were waiting.",
                committed.batches());
        out.single(
                "gofer_intake_submissions_total",
                "counter",
                "Submissions committed by intake in this process (their 202s went out after the commit).",
                committed.submissions());
        grading.writeTo(out);
        out.single("gofer_workers", "gauge", "Configured grading workers (GOFER_WORKERS).", workers);
        out.single(
                "gofer_warm_containers_ready",
                "gauge",
                "Pre-started grading containers waiting for a job.",
                warmReady.getAsInt());
        out.single(
                "gofer_warm_containers_target",
                "gauge",
                "Configured warm pool size (GOFER_WARM_CONTAINERS).",
                warmTarget);
        return out.toString();
    }
}
