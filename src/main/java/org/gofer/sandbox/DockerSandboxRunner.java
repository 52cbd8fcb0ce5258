package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.gofer.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades each job in one fresh, hardened, labelled container (see {@link HardenedHostConfig} and
 * {@link ContainerSession}) and hands it to a background remover in {@code finally}, whatever
 * happened; {@link #close} waits for the removals. The job reaches
 * the supervisor over stdin with a fresh {@link RunSecret}; only a result line whose HMAC verifies
 * under that secret yields a result. Docker being down or the image missing is a
 * {@link SandboxUnavailableException} (the job stays queued), never the student's failure.
 *
 * <p>Thread-safe: workers call {@link #run} concurrently; each run has its own container and state.
 */
public final class DockerSandboxRunner implements SandboxRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DockerSandboxRunner.class);

    private final DockerClient docker;
    private final String defaultImage;
    private final ContainerLabels labels;
    private final GradingContainers containers;
    private final ContainerSession session;
    private final JobLineEncoder encoder = new JobLineEncoder();
    private final Optional<WarmPools> warmPools;
    private final GradingLoad load;
    private final ExecutorService remover = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gofer-container-remover");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param docker the shared client
     * @param defaultImage the image {@link #healthy()} checks
     * @param deployment the {@code gofer.deployment} label: one per service process
     * @param active this process's registry of containers in use, shared with the sweeper
     * @param warmPool pre-started containers for the default image and limits, if any (no other image is kept warm)
     */
    public DockerSandboxRunner(
            DockerClient docker,
            String defaultImage,
            String deployment,
            ActiveContainers active,
            Optional<WarmContainerPool> warmPool) {
        this(
                docker,
                defaultImage,
                deployment,
                active,
                warmPool.map(WarmPools::only).orElse(null),
                GradingLoad.unbounded());
    }

    /**
     * @param warmPools null for none
     * @param load counts this runner's gradings for the pools
     */
    private DockerSandboxRunner(
            DockerClient docker,
            String defaultImage,
            String deployment,
            ActiveContainers active,
            WarmPools warmPools,
            GradingLoad load) {
        this.docker = docker;
        this.defaultImage = defaultImage;
        this.labels = new ContainerLabels(deployment, active.instanceId());
        this.containers = new GradingContainers(docker, active);
        this.session = new ContainerSession(docker, containers);
        this.warmPools = Optional.ofNullable(warmPools);
        this.load = load;
    }

    /**
     * A runner with warm pools: the default image's and, as they are used, other images' (the
     * assignments' environments); see {@link WarmPools}.
     */
    public static DockerSandboxRunner withWarmPools(
            DockerClient docker, String defaultImage, String deployment, ActiveContainers active, WarmPools pools) {
        return new DockerSandboxRunner(docker, defaultImage, deployment, active, pools, GradingLoad.unbounded());
    }

    /** A runner without a warm pool for the configured image and deployment (the {@code grade} command). */
    public static DockerSandboxRunner fromConfig(
            DockerClient docker, AppConfig.Sandbox config, ActiveContainers active) {
        return new DockerSandboxRunner(
                docker, config.image(), config.deployment(), active, null, GradingLoad.unbounded());
    }

    /**
     * The service's runner: with a pool of {@code config.warmContainers()} pre-started containers of
     * the default image and limits (none when 0), and one warm container for each other image in
     * use (see {@link WarmPools}). The default pool starts filling at once.
     *
     * @param workers how many gradings the service runs at once: while all of them run, new warm
     *     containers import less (see {@link WarmContainerPool#BUSY_WARM_IMPORTS})
     */
    public static DockerSandboxRunner withWarmPool(
            DockerClient docker, AppConfig.Sandbox config, ActiveContainers active, int workers) {
        if (config.warmContainers() == 0) {
            return fromConfig(docker, config, active);
        }
        GradingLoad load = new GradingLoad(workers);
        WarmPools pools = new WarmPools(
                docker,
                active,
                config.deployment(),
                config.image(),
                SandboxLimits.forContainer(config),
                config.warmContainers(),
                WarmPools.MAX_OTHER_IMAGES,
                load);
        return new DockerSandboxRunner(docker, config.image(), config.deployment(), active, pools, load);
    }

    /** Warm containers waiting now (0 without a pool). */
    public int warmReady() {
        return warmPools.map(WarmPools::ready).orElse(0);
    }

    @Override
    public SandboxOutcome run(SandboxJob job) {
        RunSecret secret = RunSecret.generate();
        byte[] jobLine;
        try {
            jobLine = encoder.encode(job, secret);
        } catch (IllegalArgumentException e) {
            return new SandboxOutcome(
                    SandboxOutcome.Kind.HARNESS_FAILED,
                    Optional.empty(),
                    Optional.empty(),
                    "",
                    Duration.ZERO,
                    "The submission could not be sent to the grader: " + e.getMessage());
        }
        load.started();
        try {
            return run(job, secret, jobLine);
        } finally {
            load.finished();
        }
    }

    private SandboxOutcome run(SandboxJob job, RunSecret secret, byte[] jobLine) {
        Optional<WarmContainerPool.Warm> warm = warmPools.flatMap(pools -> pools.take(job.image(), job.limits()));
        GradingContainers.Created container = warm.map(WarmContainerPool.Warm::container)
                .orElseGet(() -> {
                    requireImage(job.image());
                    return containers.create(job.image(), job.limits(), labels.forSubmission(job.submissionId()));
                });
        try {
            LOG.info(
                    "grading submission {} in container {}{}",
                    job.submissionId(),
                    container.name(),
                    warm.isPresent() ? " (warm)" : "");
            OutcomeClassifier.Observed observed = session.run(container.id(), jobLine, job.limits(), warm.isEmpty());
            SandboxOutcome outcome = OutcomeClassifier.classify(observed, secret);
            if (killedFromOutside(outcome)) {
                // The supervisor is PID 1 of the container: nothing inside can SIGKILL or SIGTERM it,
                // and a kernel OOM kill is reported as such. So this is Docker stopping (a daemon
                // restart) or an operator: not the student's doing; grade again later.
                throw new SandboxUnavailableException(
                        "container " + container.name() + " was stopped from outside while grading (" + outcome.detail()
                                + ")",
                        null);
            }
            LOG.info("submission {}: {} {}", job.submissionId(), outcome.kind(), outcome.detail());
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while grading submission " + job.submissionId(), e);
        } finally {
            removeSoon(container);
        }
    }

    /**
     * Removes the container off the grading's critical path: by now it has exited (or was killed)
     * and its output and exit state are read, so the grade need not wait the 40-80 ms Docker takes
     * to remove it. Falls back to removing at once when the remover is shut down.
     */
    private void removeSoon(GradingContainers.Created container) {
        try {
            remover.execute(() -> containers.remove(container));
        } catch (RejectedExecutionException e) {
            containers.remove(container);
        }
    }

    /**
     * Exit code 137 or 143 without a kernel OOM kill: the supervisor (PID 1) cannot be signalled from
     * inside, so the container was stopped by the engine or an operator.
     */
    public static boolean killedFromOutside(SandboxOutcome outcome) {
        return outcome.kind() == SandboxOutcome.Kind.HARNESS_FAILED
                && outcome.exitCode().filter(code -> code == 137 || code == 143).isPresent();
    }

    private void requireImage(String image) {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new SandboxUnavailableException("the grading image " + image + " is missing; build it first", e);
        } catch (RuntimeException e) {
            throw new SandboxUnavailableException("Docker does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean healthy() {
        try {
            docker.pingCmd().exec();
            docker.inspectImageCmd(defaultImage).exec();
            return true;
        } catch (RuntimeException e) {
            LOG.debug("sandbox unhealthy: {}", e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        warmPools.ifPresent(WarmPools::close);
        remover.shutdown();
        try {
            if (!remover.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("containers still being removed at shutdown; the next start's sweep removes them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
