package org.gofer.terminal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.config.AppConfig;
import org.gofer.environment.EnvironmentResolver;
import org.gofer.environment.EnvironmentSpec;
import org.gofer.environment.Resolution;
import org.gofer.grading.SandboxJobs;
import org.gofer.sandbox.DebugContainers;
import org.gofer.sandbox.DebugShell;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxUnavailableException;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and keeps the debug terminals of this service: at most {@code maxSessions} at a time, each
 * in a container built exactly as the submission's grading would be ({@link SandboxJobs}: the
 * assignment's image and limits, its tests and support files, the notebook as submitted). A
 * watchdog ({@link #start}) ends sessions that are idle (no keystrokes) or too old; {@link #close}
 * ends them all.
 * Every session is logged in the service log and in {@link TerminalLog}. Knows nothing of the web.
 * Thread-safe.
 */
public final class TerminalSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalSessions.class);
    private static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(1);

    private final DebugContainers containers;
    private final SubmissionStore store;
    private final AssignmentCatalog catalog;
    private final AppConfig.Sandbox sandboxDefaults;
    private final AppConfig.Terminal settings;
    private final TerminalLog log;
    private final Clock clock;
    private final EnvironmentResolver environments;
    private final Map<Long, TerminalSession> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private int starting;

    /** Sessions without environment builds: an assignment with an environment gets no terminal (tests). */
    public TerminalSessions(
            DebugContainers containers,
            SubmissionStore store,
            AssignmentCatalog catalog,
            AppConfig.Sandbox sandboxDefaults,
            AppConfig.Terminal settings,
            TerminalLog log,
            Clock clock) {
        this(containers, store, catalog, sandboxDefaults, settings, log, clock, EnvironmentResolver.unavailable());
    }

    /** @param environments where an assignment with an environment grades: its shell runs in the same image */
    public TerminalSessions(
            DebugContainers containers,
            SubmissionStore store,
            AssignmentCatalog catalog,
            AppConfig.Sandbox sandboxDefaults,
            AppConfig.Terminal settings,
            TerminalLog log,
            Clock clock,
            EnvironmentResolver environments) {
        this.environments = environments;
        this.containers = containers;
        this.store = store;
        this.catalog = catalog;
        this.sandboxDefaults = sandboxDefaults;
        this.settings = settings;
        this.log = log;
        this.clock = clock;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gofer-terminal-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Closes the sessions a previous run left open in the log and starts the watchdog. Called once
     * the service listens: a second copy that cannot bind must not touch the first one's sessions.
     */
    public void start() {
        int leftovers = log.closeLeftovers(clock.instant());
        if (leftovers > 0) {
            LOG.info("closed {} debug terminal session(s) a previous run left open in the log", leftovers);
        }
        watchdog.scheduleWithFixedDelay(
                this::endExpired, WATCHDOG_PERIOD.toMillis(), WATCHDOG_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    public AppConfig.Terminal settings() {
        return settings;
    }

    /** Sessions open now. */
    public int openCount() {
        return open.size();
    }

    /** True when one more session may start now (the socket asks before upgrading; {@link #open} decides). */
    public boolean hasRoom() {
        synchronized (this) {
            return open.size() + starting < settings.maxSessions();
        }
    }

    /**
     * Starts a container with the submission's files and a shell in it, connected to {@code peer};
     * blocks while Docker starts it (a second or two).
     *
     * @throws TerminalRefusedException when no more sessions are allowed, the submission or its
     *     assignment is gone, or the container cannot start (logged as a failed session)
     */
    public TerminalSession open(String instructor, long submissionId, TerminalPeer peer) {
        reserveSlot();
        boolean registered = false;
        try {
            Submission submission = store.find(submissionId)
                    .orElseThrow(() -> new TerminalRefusedException("no submission " + submissionId, null));
            Assignment assignment = assignmentOf(submission);
            SandboxJob job = SandboxJobs.create(
                    submission.id(),
                    assignment,
                    store.notebook(submission.notebookSha256()),
                    sandboxDefaults,
                    imageOf(assignment));
            long id = log.started(submissionId, instructor, job.image(), clock.instant());
            TerminalSession session = new TerminalSession(id, submissionId, instructor, peer, clock, this::ended);
            DebugShell shell;
            try {
                peer.send(TerminadoMessages.setup());
                peer.send(TerminadoMessages.stdout("Starting a container of " + job.image() + " with submission "
                        + submissionId + "'s notebook, tests and files (no network; closes after "
                        + minutes(settings.idleTimeout()) + " without input)...\r\n"));
                shell = containers.open(job, id, session);
            } catch (SandboxUnavailableException e) {
                log.ended(id, EndReason.FAILED, Optional.of(e.getMessage()), clock.instant());
                LOG.warn(
                        "debug terminal {} for {} on submission {} could not start: {}",
                        id,
                        instructor,
                        submissionId,
                        e.getMessage());
                throw new TerminalRefusedException("the container could not start: " + e.getMessage(), e);
            } catch (TerminalPeerGoneException e) {
                log.ended(
                        id,
                        EndReason.CLOSED,
                        Optional.of("the browser left before the shell started"),
                        clock.instant());
                throw e;
            }
            session.attach(shell);
            try {
                log.container(id, shell.containerName());
            } catch (RuntimeException e) {
                session.end(EndReason.FAILED, "The session could not be recorded; the container was removed.");
                throw e;
            }
            synchronized (this) {
                open.put(id, session);
                starting--;
                registered = true;
            }
            if (session.hasEnded()) {
                open.remove(id); // it ended while starting (the browser left): its container is gone already
            }
            LOG.info(
                    "debug terminal {} opened by {} on submission {} ({}) in container {} of {}",
                    id,
                    instructor,
                    submissionId,
                    submission.assignment(),
                    shell.containerName(),
                    job.image());
            return session;
        } finally {
            if (!registered) {
                synchronized (this) {
                    starting--;
                }
            }
        }
    }

    private synchronized void reserveSlot() {
        if (settings.maxSessions() == 0) {
            throw new TerminalRefusedException("debug terminals are turned off (GOFER_TERMINAL_MAX_SESSIONS=0)", null);
        }
        if (open.size() + starting >= settings.maxSessions()) {
            throw new TerminalRefusedException(
                    settings.maxSessions() + " debug terminals are open already, the most "
                            + "allowed at once (GOFER_TERMINAL_MAX_SESSIONS); close one first",
                    null);
        }
        starting++;
    }

    /** The image the submission grades in: the assignment's environment once it is built. */
    private String imageOf(Assignment assignment) {
        Optional<EnvironmentSpec> spec = EnvironmentSpec.of(assignment.settings(), sandboxDefaults.image());
        if (spec.isEmpty()) {
            return assignment.settings().image().orElse(sandboxDefaults.image());
        }
        Resolution r = environments.resolve(assignment.key(), spec.get());
        if (r.kind() != Resolution.Kind.READY) {
            throw new TerminalRefusedException(
                    "the assignment's environment is not ready (" + r.detail()
                            + "); open the terminal again once it is built",
                    null);
        }
        return r.image();
    }

    private Assignment assignmentOf(Submission submission) {
        try {
            return catalog.load(AssignmentKey.parse(submission.assignment()));
        } catch (RuntimeException e) {
            throw new TerminalRefusedException(
                    "the assignment " + submission.assignment() + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    private void ended(TerminalSession session, EndReason reason) {
        open.remove(session.id());
        Instant now = clock.instant();
        log.ended(session.id(), reason, Optional.empty(), now);
        LOG.info(
                "debug terminal {} ({} on submission {}, container {}) ended after {}: {}",
                session.id(),
                session.instructor(),
                session.submissionId(),
                session.containerName(),
                Duration.between(session.startedAt(), now).withNanos(0),
                reason.dbValue());
    }

    /** The watchdog's pass: ends sessions without input for the idle limit, and sessions past the maximum. */
    void endExpired() {
        Instant now = clock.instant();
        for (TerminalSession session : List.copyOf(open.values())) {
            try {
                if (!now.isBefore(session.startedAt().plus(settings.maxDuration()))) {
                    session.end(
                            EndReason.MAX_DURATION,
                            "The session reached its limit of " + minutes(settings.maxDuration())
                                    + "; the container was stopped and removed.");
                } else if (!now.isBefore(session.lastInput().plus(settings.idleTimeout()))) {
                    session.end(
                            EndReason.IDLE,
                            "No input for " + minutes(settings.idleTimeout())
                                    + "; the container was stopped and removed.");
                }
            } catch (RuntimeException e) {
                LOG.warn("debug terminal {}: ending it failed: {}", session.id(), e.toString());
            }
        }
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }

    /** Ends every open session (the service is stopping) and the watchdog. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        for (TerminalSession session : List.copyOf(open.values())) {
            session.end(EndReason.SERVICE_STOPPING, "Gofer is stopping; the container was removed.");
        }
    }
}
