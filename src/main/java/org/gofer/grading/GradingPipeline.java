package org.gofer.grading;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentConfigException;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.UnknownAssignmentException;
import org.gofer.config.AppConfig;
import org.gofer.environment.EnvironmentResolver;
import org.gofer.environment.EnvironmentSpec;
import org.gofer.environment.Resolution;
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
 * a broken assignment.json) put the job back in the queue with a backoff. A job whose assignment's
 * environment is still being built (or failed to build) waits in the queue without counting an
 * attempt, and is released as soon as a build ends. Thread-safe.
 */
public final class GradingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(GradingPipeline.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** The queue's note on a job whose environment is being built. */
    public static final String WAITING_FOR_ENVIRONMENT = "waiting for the assignment's environment to build";
    /** The queue's note on a job whose environment failed to build: never the student's zero. */
    public static final String ENVIRONMENT_FAILED = "the assignment's environment failed to build; instructors were "
            + "told (the assignment's page shows the build log); graded once it builds";
    /** Short: a build's end also releases the waiting jobs at once (see the constructor). */
    static final Duration ENVIRONMENT_RECHECK = Duration.ofSeconds(10);
    /** A failed build is looked at again when the spec changes (new hash) or an instructor rebuilds. */
    static final Duration FAILED_ENVIRONMENT_RECHECK = Duration.ofSeconds(60);

    private final AssignmentCatalog catalog;
    private final SubmissionStore store;
    private final SubmissionQueue queue;
    private final Gradebook gradebook;
    private final SandboxRunner sandbox;
    private final AppConfig.Sandbox defaults;
    private final OutcomeInterpreter interpreter = new OutcomeInterpreter();
    private final GradingArtifacts artifacts;
    private final EnvironmentResolver environments;

    /** A pipeline without environment builds: assignments with an environment wait (tests). */
    public GradingPipeline(
            AssignmentCatalog catalog,
            SubmissionStore store,
            SubmissionQueue queue,
            Gradebook gradebook,
            SandboxRunner sandbox,
            AppConfig.Sandbox defaults,
            GradingArtifacts artifacts) {
        this(catalog, store, queue, gradebook, sandbox, defaults, artifacts, EnvironmentResolver.unavailable());
    }

    public GradingPipeline(
            AssignmentCatalog catalog,
            SubmissionStore store,
            SubmissionQueue queue,
            Gradebook gradebook,
            SandboxRunner sandbox,
            AppConfig.Sandbox defaults,
            GradingArtifacts artifacts,
            EnvironmentResolver environments) {
        this.environments = environments;
        environments.onReady(() -> queue.releaseWaiting(List.of(WAITING_FOR_ENVIRONMENT, ENVIRONMENT_FAILED)));
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
            record(
                    job,
                    GradingReport.failed(
                            "the assignment " + s.assignment() + " no longer exists in the course's tests", List.of()));
            return;
        } catch (AssignmentConfigException | IllegalStateException | java.io.UncheckedIOException e) {
            retry(job, "the assignment's configuration is broken: " + e.getMessage());
            return;
        }
        Optional<String> image = imageFor(job, assignment);
        if (image.isEmpty()) {
            return; // put back to wait
        }
        SandboxJob sandboxJob =
                SandboxJobs.create(s.id(), assignment, store.notebook(s.notebookSha256()), defaults, image.get());
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

    /** The image to grade in, or empty when the job was put back to wait for its environment. */
    private Optional<String> imageFor(GradingJob job, Assignment assignment) {
        Optional<EnvironmentSpec> spec = EnvironmentSpec.of(assignment.settings(), defaults.image());
        if (spec.isEmpty()) {
            return Optional.of(assignment.settings().image().orElse(defaults.image()));
        }
        Resolution r = environments.resolve(assignment.key(), spec.get());
        long id = job.submission().id();
        switch (r.kind()) {
            case READY -> {
                return Optional.of(r.image());
            }
            case BUILDING -> {
                LOG.info("submission {}: {}; checking again in {} s", id, r.detail(), ENVIRONMENT_RECHECK.toSeconds());
                queue.waitLater(job, ENVIRONMENT_RECHECK, WAITING_FOR_ENVIRONMENT);
            }
            case FAILED -> {
                LOG.warn("submission {} of {} stays queued: {}", id, assignment.key(), r.detail());
                queue.waitLater(job, FAILED_ENVIRONMENT_RECHECK, ENVIRONMENT_FAILED);
            }
            case UNAVAILABLE -> retry(job, r.detail());
        }
        return Optional.empty();
    }

    private void record(GradingJob job, GradingReport report) {
        Submission s = job.submission();
        if (gradebook.record(s.id(), job.leaseOwner(), report)) {
            LOG.info(
                    "submission {} ({}, {}): {} {}/{}",
                    s.id(),
                    s.username(),
                    s.assignment(),
                    report.status(),
                    report.score(),
                    report.maxScore());
        } else {
            LOG.warn("submission {}: lease lost before the grade was recorded; another worker grades it", s.id());
        }
    }

    private void retry(GradingJob job, String why) {
        int attempts = Math.max(1, job.submission().attempts());
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 2L << Math.min(attempts, 8));
        LOG.warn(
                "submission {}: grading could not run ({}); retrying in {} s",
                job.submission().id(),
                why,
                seconds);
        queue.retryLater(job, Duration.ofSeconds(seconds), why);
    }
}
