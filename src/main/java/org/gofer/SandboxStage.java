package org.gofer;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.config.AppConfig;
import org.gofer.environment.EnvironmentResolver;
import org.gofer.environment.Environments;
import org.gofer.sandbox.ActiveContainers;
import org.gofer.sandbox.DebugContainers;
import org.gofer.sandbox.DockerClients;
import org.gofer.sandbox.DockerSandboxRunner;
import org.gofer.sandbox.OrphanSweeper;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.sandbox.kubernetes.KubernetesClients;
import org.gofer.sandbox.kubernetes.KubernetesSandboxRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where gradings run: Kubernetes Jobs ({@code GOFER_EXECUTOR=kubernetes}), or the one Docker
 * client, the runner (with its warm pool), the sweeper of leftover containers and the assignments'
 * environment images. A test may substitute its own
 * runner; then nothing here talks to Docker, and environments and debug terminals are absent.
 */
final class SandboxStage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxStage.class);

    /** The Docker side, when the runner is the real one. */
    private record Docker(
            DockerClient client, ActiveContainers active, OrphanSweeper sweeper, Environments environments) {}

    private final SandboxRunner runner;
    private final IntSupplier warmReady;
    private final Optional<Docker> docker;

    private SandboxStage(SandboxRunner runner, IntSupplier warmReady, Optional<Docker> docker) {
        this.runner = runner;
        this.warmReady = warmReady;
        this.docker = docker;
    }

    /** A runner that is not Docker's (a test's); no environments, no debug terminals. */
    static SandboxStage substitute(SandboxRunner runner) {
        return new SandboxStage(runner, () -> 0, Optional.empty());
    }

    /** The executor the configuration names: Docker (the default) or Kubernetes. */
    static SandboxStage fromConfig(AppConfig config, Clock clock) {
        return config.sandbox().kubernetes().isPresent() ? kubernetes(config) : docker(config, clock);
    }

    /**
     * Gradings as Kubernetes Jobs. Finished Jobs a previous run left are deleted first (running ones
     * are awaited by the gradings tried again), then every minute. No Docker here: assignments'
     * environments cannot be built (their images must be built and pushed beforehand, and named with
     * {@code image} in assignment.json), and there are no debug terminals.
     */
    static SandboxStage kubernetes(AppConfig config) {
        KubernetesSandboxRunner runner = kubernetesRunner(config);
        runner.sweeper().start(Duration.ofMinutes(1));
        return new SandboxStage(runner, () -> 0, Optional.empty());
    }

    /** The Kubernetes runner of the configuration, its sweeper not started (the grade command needs none). */
    static KubernetesSandboxRunner kubernetesRunner(AppConfig config) {
        AppConfig.Sandbox sandbox = config.sandbox();
        return new KubernetesSandboxRunner(
                KubernetesClients.fromEnvironment(),
                sandbox.kubernetes().orElseThrow(),
                sandbox.deployment(),
                new ActiveContainers().instanceId());
    }

    /**
     * The Docker runner. Containers a previous run left behind are removed first; when Docker
     * does not answer yet the service still starts, accepts submissions and grades them once it does.
     */
    static SandboxStage docker(AppConfig config, Clock clock) {
        DockerClient client = DockerClients.fromEnvironment();
        ActiveContainers active = new ActiveContainers();
        OrphanSweeper sweeper = new OrphanSweeper(client, config.sandbox().deployment(), active);
        try {
            int swept = sweeper.sweep();
            if (swept > 0) {
                LOG.info("removed {} container(s) left by a previous run", swept);
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Docker does not answer yet ({}); submissions are accepted and graded once it does",
                    e.getMessage());
        }
        sweeper.start(Duration.ofMinutes(1));
        DockerSandboxRunner runner =
                DockerSandboxRunner.withWarmPool(client, config.sandbox(), active, config.workers());
        // The assignments' environments: images built in the background from their specs, then reused.
        Environments environments = Environments.create(client, config.dataDir(), config.pip(), clock);
        return new SandboxStage(
                runner, runner::warmReady, Optional.of(new Docker(client, active, sweeper, environments)));
    }

    SandboxRunner runner() {
        return runner;
    }

    /** Warm containers waiting now, for the metrics. */
    int warmReady() {
        return warmReady.getAsInt();
    }

    Optional<Environments> environments() {
        return docker.map(Docker::environments);
    }

    EnvironmentResolver environmentResolver() {
        return docker.<EnvironmentResolver>map(Docker::environments).orElse(EnvironmentResolver.unavailable());
    }

    /** Instructors' debug containers, labelled like the gradings' so the sweeper knows them. */
    Optional<DebugContainers> debugContainers(String deployment) {
        return docker.map(d -> new DebugContainers(d.client(), deployment, d.active()));
    }

    /** Starts building the environments the assignments name and have no image of yet. */
    void prepare(AssignmentCatalog catalog, String defaultImage) {
        docker.ifPresent(d -> d.environments().prepare(catalog, defaultImage));
    }

    @Override
    public void close() {
        docker.ifPresent(d -> d.environments().close());
        runner.close();
        docker.ifPresent(d -> {
            finalSweep(d.sweeper());
            d.sweeper().close();
            try {
                d.client().close();
            } catch (IOException e) {
                LOG.warn("could not close the Docker client: {}", e.getMessage());
            }
        });
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
}
