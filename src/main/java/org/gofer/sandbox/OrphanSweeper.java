package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes grading containers of this deployment that no live runner of this process owns: leftovers
 * of a crashed or killed service, or containers whose removal failed. The testcontainers
 * {@code ResourceReaper.prune} idea without the Ryuk sidecar: list by label with
 * {@code showAll}, then force-remove. A container is owned while its name is in
 * {@link ActiveContainers}; names are reserved before creation, so a container being set up is never
 * swept. One service process per {@code gofer.deployment} label is assumed. Idempotent and
 * thread-safe; Docker being down only postpones the sweep.
 */
public final class OrphanSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);

    private final DockerClient docker;
    private final String deployment;
    private final ActiveContainers active;
    private final PeriodicSweep periodic = new PeriodicSweep("gofer-orphan-sweeper", this::sweep);

    public OrphanSweeper(DockerClient docker, String deployment, ActiveContainers active) {
        this.docker = docker;
        this.deployment = deployment;
        this.active = active;
    }

    /** @return how many containers were removed */
    public synchronized int sweep() {
        List<Container> labelled;
        try {
            labelled = docker.listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(
                            java.util.Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.DEPLOYMENT, deployment))
                    .exec();
        } catch (RuntimeException e) {
            LOG.warn("cannot list containers for the sweep: {}", e.toString());
            return 0;
        }
        int removed = 0;
        for (Container container : labelled) {
            if (!owned(container) && remove(container)) {
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("removed {} leftover grading container(s) of deployment {}", removed, deployment);
        }
        return removed;
    }

    private boolean owned(Container container) {
        String[] names = container.getNames();
        return names != null && Arrays.stream(names).anyMatch(active::contains);
    }

    private boolean remove(Container container) {
        try {
            docker.removeContainerCmd(container.getId())
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec();
            return true;
        } catch (NotFoundException | ConflictException e) {
            return false; // gone already, or being removed by someone else
        } catch (RuntimeException e) {
            LOG.warn("cannot remove leftover container {}: {}", container.getId(), e.toString());
            return false;
        }
    }

    /** Sweeps now and then every {@code period}, until {@link #close()}. */
    public void start(Duration period) {
        periodic.start(period);
    }

    @Override
    public void close() {
        periodic.close();
    }
}
