package org.gofer;

import java.time.Clock;
import java.util.Optional;
import org.gofer.config.AppConfig;
import org.gofer.gradebook.Gradebook;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.submission.SubmissionStore;
import org.gofer.terminal.TerminalSessions;
import org.jdbi.v3.core.Jdbi;

/**
 * The whole service assembled from its {@link AppConfig}, in flow order: database and stores →
 * sandbox (Docker, environments) → grading workers → publication (uploads, validations) → web. {@code gofer serve} runs it, and the tests
 * run the same assembly, replacing only what {@link Overrides} lets them. {@link #close} stops the
 * stages in reverse order.
 */
public final class GoferService implements AutoCloseable {

    /**
     * The seams a test may replace; {@link #none()} is the service as deployed.
     *
     * @param clock the clock of the stores, queue and sessions (the LTI publisher always signs with the system clock)
     * @param sandbox a runner to grade with instead of Docker's; without Docker there are no environment
     *     builds and no debug terminals
     */
    public record Overrides(Clock clock, Optional<SandboxRunner> sandbox) {
        public static Overrides none() {
            return new Overrides(Clock.systemUTC(), Optional.empty());
        }

        public Overrides withSandbox(SandboxRunner replacement) {
            return new Overrides(clock, Optional.of(replacement));
        }
    }

    private final AppConfig config;
    private final StoresStage stores;
    private final SandboxStage sandbox;
    private final GradingStage grading;
    private final PublicationStage publication;
    private final WebStage web;

    private GoferService(AppConfig config, Overrides overrides) {
        Clock clock = overrides.clock();
        this.config = config;
        this.stores = StoresStage.open(config, clock);
        this.sandbox = overrides
                .sandbox()
                .map(SandboxStage::substitute)
                .orElseGet(() -> SandboxStage.fromConfig(config, clock));
        this.grading = new GradingStage(config, stores, sandbox, clock);
        this.publication = new PublicationStage(config, stores, sandbox, clock);
        this.web = new WebStage(config, stores, sandbox, grading, publication, clock);
    }

    /** The service as deployed. Nothing listens or grades before {@link #start}. */
    public static GoferService assemble(AppConfig config) {
        return assemble(config, Overrides.none());
    }

    public static GoferService assemble(AppConfig config, Overrides overrides) {
        return new GoferService(config, overrides);
    }

    /**
     * Listens first, then grades: a second copy that cannot bind (the port is taken) must not start
     * workers on the same gradebook. Then the LTI passbacks and the environments' builds.
     *
     * @throws RuntimeException when the port cannot be bound; {@link #close} the service then
     */
    public GoferService start() {
        web.start();
        grading.start();
        publication.start();
        sandbox.prepare(stores.catalog(), config.sandbox().image());
        return this;
    }

    /** The port it listens on (the configured one, or the one chosen for port 0). */
    public int port() {
        return web.server().port();
    }

    public Jdbi jdbi() {
        return stores.jdbi();
    }

    public SubmissionStore store() {
        return stores.store();
    }

    public Gradebook gradebook() {
        return stores.gradebook();
    }

    /** Instructors' debug terminals; empty without Docker. */
    public Optional<TerminalSessions> terminals() {
        return web.terminals();
    }

    /**
     * No new submissions (those already accepted are committed); running gradings finish; then the
     * sandbox and the Docker client.
     */
    @Override
    public void close() {
        web.close();
        stores.close();
        grading.close();
        publication.close();
        sandbox.close();
    }
}
