package org.gofer.publication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.config.AppConfig;
import org.gofer.environment.EnvironmentResolver;
import org.gofer.environment.EnvironmentSpec;
import org.gofer.environment.Resolution;
import org.gofer.grading.OutcomeInterpreter;
import org.gofer.grading.SandboxJobs;
import org.gofer.result.GradingReport;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.sandbox.SandboxUnavailableException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades an assignment's solution notebooks in the same sandbox as students' work, off the request
 * path, one notebook at a time on its own thread (so validations never take a grading worker and at
 * most one extra container runs). Results go to {@link ValidationRuns}, never to the gradebook.
 * Thread-safe.
 */
public final class DraftValidator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DraftValidator.class);
    /** How long a validation waits for the assignment's environment image to build. */
    static final Duration ENVIRONMENT_WAIT = Duration.ofMinutes(30);

    private static final Duration ENVIRONMENT_POLL = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final AssignmentCatalog catalog;
    private final ValidationRuns runs;
    private final SandboxRunner sandbox;
    private final AppConfig.Sandbox defaults;
    private final EnvironmentResolver environments;
    private final OutcomeInterpreter interpreter = new OutcomeInterpreter();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gofer-validation");
        t.setDaemon(true);
        return t;
    });

    public DraftValidator(
            Jdbi jdbi,
            AssignmentCatalog catalog,
            ValidationRuns runs,
            SandboxRunner sandbox,
            AppConfig.Sandbox defaults,
            EnvironmentResolver environments) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.runs = runs;
        this.sandbox = sandbox;
        this.defaults = defaults;
        this.environments = environments;
    }

    /** A new validation of the assignment as it is on disk now; returns the run's id. */
    public long validate(AssignmentKey key, String requestedBy) {
        long id = jdbi.inTransaction(h -> runs.create(h, key.toString(), requestedBy, solutionsOf(key)));
        start(id);
        return id;
    }

    /** The solution notebooks the next validation of the assignment would grade. */
    List<String> solutionsOf(AssignmentKey key) {
        return SolutionNotebooks.in(catalog.load(key).directory());
    }

    /** Hands a committed run to the validation thread. */
    void start(long runId) {
        executor.execute(() -> run(runId));
    }

    /** Picks up runs that a stopped service left unfinished. */
    public void resume() {
        runs.unfinished().forEach(this::start);
    }

    private void run(long runId) {
        Optional<ValidationRun> run = runs.find(runId);
        if (run.isEmpty()) {
            return;
        }
        for (ValidationResult r : run.get().results()) {
            if (r.finished()) {
                continue;
            }
            GradingReport report;
            try {
                runs.markRunning(runId, r.notebook());
                report = grade(AssignmentKey.parse(run.get().assignment()), r.notebook(), runId);
            } catch (RuntimeException e) {
                LOG.warn("validation {} of {}: {}", runId, r.notebook(), e.getMessage());
                report = GradingReport.failed("validation could not run: " + e.getMessage(), List.of());
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // the service is stopping: the notebook stays unfinished and is graded at the next start
            }
            runs.record(runId, r.notebook(), report);
            LOG.info(
                    "validation {} of {} {}: {} {}/{}",
                    runId,
                    run.get().assignment(),
                    r.notebook(),
                    report.status(),
                    report.score(),
                    report.maxScore());
        }
    }

    private GradingReport grade(AssignmentKey key, String notebook, long runId) {
        Assignment assignment = catalog.load(key);
        Path file = assignment.directory().resolve(notebook).normalize();
        if (!file.startsWith(assignment.directory()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return GradingReport.failed(notebook + " is no longer in the assignment", List.of());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return GradingReport.failed("cannot read " + notebook + ": " + e.getMessage(), List.of());
        }
        Optional<String> image = image(assignment);
        if (image.isEmpty()) {
            return GradingReport.failed(
                    "the assignment's environment did not build (see its environment log)", List.of());
        }
        // The container's label carries the run's id, negated so it never reads as a submission's.
        SandboxJob job = SandboxJobs.create(-runId, assignment, bytes, defaults, image.get());
        try {
            SandboxOutcome outcome = sandbox.run(job);
            return interpreter.interpret(job, outcome);
        } catch (SandboxUnavailableException e) {
            return GradingReport.failed("the sandbox is unavailable: " + e.getMessage(), List.of());
        }
    }

    /** The image to grade in: the assignment's environment once built (waiting, bounded), else its image. */
    private Optional<String> image(Assignment assignment) {
        Optional<EnvironmentSpec> spec = EnvironmentSpec.of(assignment.settings(), defaults.image());
        if (spec.isEmpty()) {
            return Optional.of(assignment.settings().image().orElse(defaults.image()));
        }
        long deadline = System.nanoTime() + ENVIRONMENT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Resolution r = environments.resolve(assignment.key(), spec.get());
            switch (r.kind()) {
                case READY -> {
                    return Optional.of(r.image());
                }
                case FAILED, UNAVAILABLE -> {
                    return Optional.empty();
                }
                case BUILDING -> sleep(ENVIRONMENT_POLL);
            }
        }
        return Optional.empty();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the environment", e);
        }
    }

    /** A validation in progress ends with the container it runs in; it resumes at the next start. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
