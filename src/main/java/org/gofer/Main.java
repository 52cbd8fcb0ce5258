package org.gofer;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.gofer.cli.AssignmentCommand;
import org.gofer.cli.GradeCommand;
import org.gofer.config.AppConfig;
import org.gofer.config.ConfigException;
import org.gofer.config.ConfigLoader;
import org.gofer.db.Database;
import org.gofer.db.Migrator;
import org.gofer.environment.Environments;
import org.gofer.sandbox.ActiveContainers;
import org.gofer.sandbox.DockerClients;
import org.gofer.sandbox.DockerSandboxRunner;
import org.gofer.sandbox.kubernetes.KubernetesSandboxRunner;
import org.gofer.web.StartingPlaceholder;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: {@code serve} loads the configuration and runs {@link GoferService} until
 * SIGTERM; {@code grade}, {@code assignment} and {@code migrate} are the instructors' command-line tools.
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
                case "assignment" ->
                    System.exit(
                            new AssignmentCommand(ConfigLoader.fromEnvironment().testsDir(), System.out, System.err)
                                    .run(rest));
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
        System.out.printf(
                "%s: at version %d (%d migration(s) applied)%n", args.get(0), Migrator.latestVersion(), applied);
        return 0;
    }

    /** Grades on the executor the configuration names, as the service would. */
    private static int grade(AppConfig config, List<String> args) throws Exception {
        if (config.sandbox().kubernetes().isPresent()) {
            return gradeOnKubernetes(config, args);
        }
        try (DockerClient docker = DockerClients.fromEnvironment();
                DockerSandboxRunner runner =
                        DockerSandboxRunner.fromConfig(docker, config.sandbox(), new ActiveContainers());
                Environments environments =
                        Environments.create(docker, config.dataDir(), config.pip(), Clock.systemUTC())) {
            return new GradeCommand(config, runner, Optional.of(environments), 0, System.out, System.err).run(args);
        }
    }

    /**
     * One Kubernetes Job, no Docker client and so no environment builds. A Job is named after the
     * id it grades (so that a grading tried again adopts its Job): each grade command takes a random
     * id of its own, far above the service's submission ids, or two of them at once, in the same
     * deployment, would share one Job and one result.
     */
    private static int gradeOnKubernetes(AppConfig config, List<String> args) {
        long runId = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 10_000_000_000_000L);
        try (KubernetesSandboxRunner runner = SandboxStage.kubernetesRunner(config)) {
            return new GradeCommand(config, runner, Optional.empty(), runId, System.out, System.err).run(args);
        }
    }

    private static void serve(AppConfig config) {
        Optional<StartingPlaceholder> placeholder;
        try {
            placeholder = StartingPlaceholder.listen(config.web());
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage());
            System.exit(1);
            return;
        }
        GoferService service;
        try {
            service = GoferService.assemble(config);
        } finally {
            placeholder.ifPresent(StartingPlaceholder::close);
        }
        try {
            service.start();
        } catch (RuntimeException e) {
            LOG.error(
                    "cannot listen on {}:{}: {}",
                    config.web().host(),
                    config.web().port(),
                    e.getMessage());
            service.close();
            System.exit(1);
        }
        LOG.info(
                "Gofer listening on http://{}:{}{} (tests: {}, database: {})",
                config.web().host(),
                service.port(),
                config.web().prefix(),
                config.testsDir(),
                config.database());
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping: no new submissions; running gradings finish");
                            service.close();
                        },
                        "gofer-shutdown"));
    }
}
