package org.gofer.grading;

import java.time.Duration;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentConfigException;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.UnknownAssignmentException;
import org.gofer.config.AppConfig;
import org.gofer.gradebook.Gradebook;
import org.gofer.result.GradingReport;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.sandbox.SandboxUnavailableException;
import org.gofer.submission.GradingJob;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one claimed job through the flow: assignment, sandbox, result, gradebook. Problems of the
 * submission are recorded as grades; problems of the infrastructure (Docker down, image missing,
 * a broken assignment.json) put the job back in the queue with a backoff. Thread-safe.
 */
public final class GradingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(GradingPipeline.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final AssignmentCatalog catalog;
    private final SubmissionStore store;
    private final SubmissionQueue queue;
    private final Gradebook gradebook;
    private final SandboxRunner sandbox;
    private final AppConfig.Sandbox defaults;
    private final OutcomeInterpreter interpreter = new OutcomeInterpreter();
    private final GradingArtifacts artifacts;

    public GradingPipeline(AssignmentCatalog catalog, SubmissionStore store, SubmissionQueue queue, Gradebook gradebook,
            SandboxRunner sandbox, AppConfig.Sandbox defaults, GradingArtifacts artifacts) {
        this.catalog = catalog;
        this.store = store;
        this.queue = queue;
        this.gradebook = gradebook;
        this.sandbox = sandbox;
        this.defaults = defaults;
        this.artifacts = artifacts;
    }

    public void grade(GradingJob job) {
        Submission s = job.submission();
        Assignment assignment;
        try {
            assignment = catalog.load(AssignmentKey.parse(s.assignment()));
        } catch (UnknownAssignmentException e) {
            record(job, GradingReport.failed("the assignment " + s.assignment()
                    + " no longer exists in the course's tests", java.util.List.of()));
            return;
        } catch (AssignmentConfigException | IllegalStateException | java.io.UncheckedIOException e) {
            retry(job, "the assignment's configuration is broken: " + e.getMessage());
            return;
        }
        SandboxJob sandboxJob = SandboxJobs.create(s.id(), assignment, store.notebook(s.notebookSha256()), defaults);
        SandboxOutcome outcome;
        try {
            outcome = sandbox.run(sandboxJob);
        } catch (SandboxUnavailableException e) {
            retry(job, e.getMessage());
            return;
        }
        GradingReport report = interpreter.interpret(sandboxJob, outcome);
        artifacts.save(s, outcome);
        record(job, report);
    }

    private void record(GradingJob job, GradingReport report) {
        Submission s = job.submission();
        if (gradebook.record(s.id(), job.leaseOwner(), report)) {
            LOG.info("submission {} ({}, {}): {} {}/{}", s.id(), s.username(), s.assignment(), report.status(),
                    report.score(), report.maxScore());
        } else {
            LOG.warn("submission {}: lease lost before the grade was recorded; another worker grades it", s.id());
        }
    }

    private void retry(GradingJob job, String why) {
        int attempts = Math.max(1, job.submission().attempts());
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 2L << Math.min(attempts, 8));
        LOG.warn("submission {}: grading could not run ({}); retrying in {} s", job.submission().id(), why, seconds);
        queue.retryLater(job, Duration.ofSeconds(seconds), why);
    }
}
