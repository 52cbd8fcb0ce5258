package org.gofer;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.cli.AssignmentCommand;
import org.gofer.cli.GradeCommand;
import org.gofer.config.AppConfig;
import org.gofer.config.ConfigException;
import org.gofer.config.ConfigLoader;
import org.gofer.db.Database;
import org.gofer.db.Migrator;
import org.gofer.environment.AssignmentEnvironments;
import org.gofer.environment.Environments;
import org.gofer.gradebook.Gradebook;
import org.gofer.grading.GradingArtifacts;
import org.gofer.grading.GradingPipeline;
import org.gofer.grading.GradingWorkers;
import org.gofer.lti.Lti11OutcomePublisher;
import org.gofer.lti.LtiLaunchOptions;
import org.gofer.lti.LtiLaunchService;
import org.gofer.lti.PassbackOutbox;
import org.gofer.lti.PassbackSender;
import org.gofer.lti.RetryPolicy;
import org.gofer.pages.PagesModule;
import org.gofer.metrics.GradingMetrics;
import org.gofer.metrics.ServiceMetrics;
import org.gofer.sandbox.ActiveContainers;
import org.gofer.sandbox.DebugContainers;
import org.gofer.sandbox.DockerClients;
import org.gofer.sandbox.DockerSandboxRunner;
import org.gofer.sandbox.OrphanSweeper;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStore;
import org.gofer.terminal.TerminalLog;
import org.gofer.terminal.TerminalRoutes;
import org.gofer.terminal.TerminalSessions;
import org.gofer.web.EnvironmentController;
import org.gofer.web.GoferWeb;
import org.gofer.web.LtiRoutes;
import org.gofer.web.MetricsController;
import org.gofer.web.WebServer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: {@code serve} wires config → database → Docker → stores → sandbox →
 * workers → web server, in flow order, and tears them down in reverse on SIGTERM; {@code grade}
 * and {@code migrate} are the instructors' command-line tools.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String USAGE = """
            usage: gofer serve
                   gofer grade NOTEBOOK.ipynb [--assignment course/section/name] [--json]
                   gofer assignment import AUTOGRADER.zip --as course/section/name [--force] [--allow-unsupported]
                   gofer migrate DATABASE""";

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "serve" -> serve(ConfigLoader.fromEnvironment());
                case "grade" -> System.exit(grade(ConfigLoader.fromEnvironment(), rest));
                case "migrate" -> System.exit(migrate(rest));
                case "assignment" -> System.exit(
                        new AssignmentCommand(ConfigLoader.fromEnvironment().testsDir(), System.out, System.err).run(rest));
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        } catch (ConfigException e) {
            System.err.println("gofer: configuration error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int migrate(List<String> args) {
        if (args.size() != 1) {
            System.err.println(USAGE);
            return 2;
        }
        Jdbi jdbi = Database.connect(Path.of(args.get(0)));
        int applied = new Migrator(jdbi).migrate();
        System.out.printf("%s: at version %d (%d migration(s) applied)%n", args.get(0), Migrator.latestVersion(),
                applied);
        return 0;
    }

    private static int grade(AppConfig config, List<String> args) throws Exception {
        DockerClient docker = DockerClients.fromEnvironment();
        try (DockerSandboxRunner runner = DockerSandboxRunner.fromConfig(docker, config.sandbox(), new ActiveContainers());
                Environments environments = Environments.create(docker, config.dataDir(), System.getenv(),
                        Clock.systemUTC())) {
            return new GradeCommand(config, runner, environments).run(args);
        }
    }

    /**
     * A container whose removal failed while Docker was restarting is left to the sweeper; at
     * shutdown nothing of ours runs any more, so one last pass removes such leftovers at once.
     */
    private static void finalSweep(OrphanSweeper sweeper) {
        try {
            int swept = sweeper.sweep();
            if (swept > 0) {
                LOG.info("removed {} leftover container(s)", swept);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not remove leftover containers: {}", e.getMessage());
        }
    }

    private static void serve(AppConfig config) {
        Clock clock = Clock.systemUTC();
        String instanceId = UUID.randomUUID().toString();
        Jdbi jdbi = Database.open(config.database());
        AssignmentCatalog catalog = new AssignmentCatalog(config.testsDir());
        SubmissionStore store = new SubmissionStore(jdbi, config.dataDir(), clock);
        SubmissionQueue queue = new SubmissionQueue(jdbi, clock);

        DockerClient docker = DockerClients.fromEnvironment();
        ActiveContainers active = new ActiveContainers();
        OrphanSweeper sweeper = new OrphanSweeper(docker, config.sandbox().deployment(), active);
        try {
            int swept = sweeper.sweep();
            if (swept > 0) {
                LOG.info("removed {} container(s) left by a previous run", swept);
            }
        } catch (RuntimeException e) {
            LOG.warn("Docker does not answer yet ({}); submissions are accepted and graded once it does",
                    e.getMessage());
        }
        sweeper.start(Duration.ofMinutes(1));
        DockerSandboxRunner sandbox = DockerSandboxRunner.withWarmPool(docker, config.sandbox(), active);
        // The assignments' environments: images built in the background from their specs, then reused.
        Environments environments = Environments.create(docker, config.dataDir(), System.getenv(), clock);
        AssignmentEnvironments assignmentEnvironments =
                new AssignmentEnvironments(catalog, environments, config.sandbox().image());

        GradingMetrics gradingMetrics = new GradingMetrics();
        PassbackOutbox outbox = new PassbackOutbox(jdbi, catalog, clock);
        Gradebook gradebook = new Gradebook(jdbi, clock, catalog, List.of(outbox, gradingMetrics));
        LtiLaunchService launches = new LtiLaunchService(jdbi, config.lti(), config.web().prefix(),
                LtiLaunchOptions.fromEnvironment(System.getenv()), catalog::exists, clock);
        // The publisher signs with the system clock: the LMS checks the OAuth timestamp.
        PassbackSender passbacks = new PassbackSender(jdbi,
                List.of(Lti11OutcomePublisher.withDefaultTimeouts(config.lti().consumers(), Clock.systemUTC())),
                RetryPolicy.defaults(), Duration.ofSeconds(5), clock);
        GradingArtifacts artifacts = new GradingArtifacts(config.dataDir());
        GradingPipeline pipeline = new GradingPipeline(catalog, store, queue, gradebook, sandbox, config.sandbox(),
                artifacts, environments);
        GradingWorkers workers = new GradingWorkers(queue, pipeline, instanceId, config.workers());
        store.onAccepted(workers::wake);

        TerminalLog terminalLog = new TerminalLog(jdbi);
        TerminalSessions terminals = new TerminalSessions(new DebugContainers(docker, config.sandbox().deployment(),
                active), store, catalog, config.sandbox(), config.terminal(), terminalLog, clock, environments);

        ServiceMetrics metrics = new ServiceMetrics(store::stats, gradingMetrics, config.workers(),
                sandbox::warmReady, config.sandbox().warmContainers(), clock);
        boolean metricsPublic = config.web().metricsPublic();
        Set<String> publicPaths = new HashSet<>(LtiRoutes.PUBLIC_PATHS);
        if (metricsPublic) {
            publicPaths.add(MetricsController.PATH);
        }
        WebServer web = GoferWeb.create(config, jdbi, store, gradebook, catalog, sandbox::healthy, clock,
                List.of(LtiRoutes.withHubAuth(launches, outbox), new PagesModule(jdbi, catalog, store, queue, gradebook,
                        artifacts, Optional.of(outbox), workers::wake, clock, Optional.of(assignmentEnvironments)),
                        new MetricsController(metrics, metricsPublic),
                        new TerminalRoutes(terminals, terminalLog, store, config.lti().publicUrl()),
                        new EnvironmentController(assignmentEnvironments)),
                publicPaths);
        try {
            web.start();
        } catch (RuntimeException e) {
            // Nothing grades before the service listens: a second copy that cannot bind (the port
            // is taken) must not start workers on the same gradebook.
            LOG.error("cannot listen on {}:{}: {}", config.web().host(), config.web().port(), e.getMessage());
            terminals.close();
            environments.close();
            sandbox.close();
            sweeper.close();
            System.exit(1);
        }
        workers.start();
        passbacks.start();
        terminals.start();
        environments.prepare(catalog, config.sandbox().image());
        LOG.info("Gofer listening on http://{}:{}{} (tests: {}, database: {})", config.web().host(), web.port(),
                config.web().prefix(), config.testsDir(), config.database());

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: no new submissions; running gradings finish");
            terminals.close(); // before the web server, so the sessions end as "service_stopping"
            web.stop();
            workers.close();
            passbacks.close();
            environments.close();
            sandbox.close();
            finalSweep(sweeper);
            sweeper.close();
        }, "gofer-shutdown"));
    }
}
