package org.gofer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gofer.config.AppConfig;
import org.gofer.grading.GradingPipeline;
import org.gofer.grading.GradingWorkers;
import org.gofer.lti.Lti11OutcomePublisher;
import org.gofer.lti.PassbackSender;
import org.gofer.lti.RetryPolicy;

/** The workers that take queued submissions through the sandbox into the gradebook, and the LTI passbacks after. */
final class GradingStage implements AutoCloseable {
    private final GradingWorkers workers;
    private final PassbackSender passbacks;

    GradingStage(AppConfig config, StoresStage stores, SandboxStage sandbox, Clock clock) {
        GradingPipeline pipeline = new GradingPipeline(
                stores.catalog(),
                stores.store(),
                stores.queue(),
                stores.gradebook(),
                sandbox.runner(),
                config.sandbox(),
                stores.artifacts(),
                sandbox.environmentResolver());
        this.workers =
                new GradingWorkers(stores.queue(), pipeline, UUID.randomUUID().toString(), config.workers());
        stores.store().onAccepted(workers::wake);
        // The publisher signs with the system clock: the LMS checks the OAuth timestamp.
        this.passbacks = new PassbackSender(
                stores.jdbi(),
                List.of(Lti11OutcomePublisher.withDefaultTimeouts(config.lti().consumers(), Clock.systemUTC())),
                RetryPolicy.defaults(),
                Duration.ofSeconds(5),
                clock);
    }

    GradingWorkers workers() {
        return workers;
    }

    void start() {
        workers.start();
        passbacks.start();
    }

    /** Running gradings finish; no new one starts. */
    @Override
    public void close() {
        workers.close();
        passbacks.close();
    }
}
