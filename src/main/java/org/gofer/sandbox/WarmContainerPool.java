package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-started, single-use containers of the default image and default limits, each already running
 * its supervisor and waiting on stdin (its runner imports numpy meanwhile, and pandas when it waits long), so that
 * a job does not wait for a container to start. A container is handed out once and removed by the
 * runner after its job; the pool refills in the background. Pool containers carry the deployment
 * labels plus {@code gofer.warm=true} and stay registered in {@link ActiveContainers}, so the sweeper
 * leaves them alone while this process lives and removes them after it died.
 *
 * <p>Thread-safe. Off unless constructed with a size above zero.
 */
public final class WarmContainerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmContainerPool.class);

    /**
     * What the runner of a container pre-started while every worker is busy imports while it waits
     * (the harness's {@code GOFER_WARM_IMPORTS}): numpy, which nearly every notebook and otter's
     * seeding need, and pandas only once the container has waited ten seconds, that is when the
     * queue has drained. Otherwise it would import pandas after a second, while it waits behind
     * running gradings, with their CPU, for the many notebooks that never use it. Containers
     * started while a worker is free keep the image's own choice (pandas after a second idle).
     */
    static final String BUSY_WARM_IMPORTS = "GOFER_WARM_IMPORTS=numpy,pandas:10";

    private final DockerClient docker;
    private final GradingContainers containers;
    private final ContainerLabels labels;
    private final String image;
    private final SandboxLimits limits;
    private final int size;
    private final GradingLoad load;
    private final LinkedBlockingQueue<GradingContainers.Created> ready = new LinkedBlockingQueue<>();
    private final ExecutorService filler = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gofer-warm-pool");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    /** A container taken from the pool: started, waiting for its job on stdin. */
    record Warm(GradingContainers.Created container) {}

    /**
     * Starts filling at once, in the background.
     *
     * @param size how many containers to keep waiting; 0 turns the pool off
     */
    public WarmContainerPool(
            DockerClient docker,
            ActiveContainers active,
            String deployment,
            String image,
            SandboxLimits limits,
            int size) {
        this(docker, active, deployment, image, limits, size, GradingLoad.unbounded());
    }

    /** @param load the service's gradings now, which decides what a new container imports while it waits */
    WarmContainerPool(
            DockerClient docker,
            ActiveContainers active,
            String deployment,
            String image,
            SandboxLimits limits,
            int size,
            GradingLoad load) {
        this.docker = docker;
        this.containers = new GradingContainers(docker, active);
        this.labels = new ContainerLabels(deployment, active.instanceId());
        this.image = image;
        this.limits = limits;
        this.size = size;
        this.load = load;
        refill();
    }

    /**
     * A warm container when the job wants the pool's image and container limits and one is ready.
     * Per-job limits (wall clock, cell timeout, output cap) travel with the job, so they may differ.
     */
    Optional<Warm> take(String wantedImage, SandboxLimits wantedLimits) {
        if (closed || !image.equals(wantedImage) || !limits.sameContainerAs(wantedLimits)) {
            return Optional.empty();
        }
        try {
            // Bounded: each iteration removes one container from the queue.
            for (GradingContainers.Created next = ready.poll(); next != null; next = ready.poll()) {
                if (stillWaiting(next)) {
                    return Optional.of(new Warm(next));
                }
                LOG.warn("warm container {} stopped while waiting; discarding it", next.name());
                containers.remove(next);
            }
            return Optional.empty();
        } finally {
            // After the poll, not before: a refill that ran first would see the pool still full
            // and do nothing, leaving it one short until the next take.
            refill();
        }
    }

    String image() {
        return image;
    }

    SandboxLimits limits() {
        return limits;
    }

    /** How many containers are waiting now. */
    public int ready() {
        return ready.size();
    }

    private boolean stillWaiting(GradingContainers.Created container) {
        try {
            return Boolean.TRUE.equals(
                    docker.inspectContainerCmd(container.id()).exec().getState().getRunning());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void refill() {
        if (!closed) {
            filler.execute(this::fillOnce);
        }
    }

    private void fillOnce() {
        for (int attempt = 0; attempt < size && !closed && ready.size() < size; attempt++) {
            GradingContainers.Created container;
            try {
                container = containers.create(image, limits, labels.forWarmPool(), warmImports());
            } catch (SandboxUnavailableException e) {
                LOG.warn("cannot pre-start a warm container: {}", e.getMessage());
                return;
            }
            try {
                docker.startContainerCmd(container.id()).exec();
                ready.add(container);
            } catch (RuntimeException e) {
                LOG.warn("cannot start warm container {}: {}", container.name(), e.toString());
                containers.remove(container);
                return;
            }
        }
    }

    private List<String> warmImports() {
        return load.everyWorkerBusy() ? List.of(BUSY_WARM_IMPORTS) : List.of();
    }

    /** Stops refilling and removes every container still waiting. */
    @Override
    public void close() {
        closed = true;
        filler.shutdown();
        try {
            filler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (GradingContainers.Created next = ready.poll(); next != null; next = ready.poll()) {
            containers.remove(next);
        }
    }
}
