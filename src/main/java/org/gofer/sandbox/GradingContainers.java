package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, kills and removes grading containers: the hardened host config, the non-root user, stdin
 * open for exactly one attach, labels, and a name reserved in {@link ActiveContainers} first.
 * Docker errors on create are the service's problem, never the student's, so they surface as
 * {@link SandboxUnavailableException}. Thread-safe.
 */
final class GradingContainers {
    private static final Logger LOG = LoggerFactory.getLogger(GradingContainers.class);

    private final DockerClient docker;
    private final ActiveContainers active;

    GradingContainers(DockerClient docker, ActiveContainers active) {
        this.docker = docker;
        this.active = active;
    }

    /** A created, not yet started container; its name stays reserved until {@link #remove}. */
    record Created(String id, String name) {}

    Created create(String image, SandboxLimits limits, Map<String, String> labels) {
        return create(image, limits, labels, List.of());
    }

    /** @param env variables besides HOME, as {@code NAME=value} */
    Created create(String image, SandboxLimits limits, Map<String, String> labels, List<String> env) {
        List<String> variables = new ArrayList<>(env);
        variables.add(0, "HOME=" + HardenedHostConfig.HOME);
        String name = active.reserve();
        try {
            String id = docker.createContainerCmd(image)
                    .withName(name)
                    .withHostName("gofer")
                    .withUser(HardenedHostConfig.GOFER_USER)
                    .withEnv(variables)
                    .withNetworkDisabled(true)
                    .withTty(false)
                    .withStdinOpen(true)
                    .withStdInOnce(true)
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withLabels(labels)
                    .withHostConfig(HardenedHostConfig.forLimits(limits))
                    .exec()
                    .getId();
            return new Created(id, name);
        } catch (NotFoundException e) {
            active.release(name);
            throw new SandboxUnavailableException("the grading image " + image + " is missing", e);
        } catch (RuntimeException e) {
            active.release(name);
            throw new SandboxUnavailableException("Docker could not create a grading container: " + e.getMessage(), e);
        }
    }

    /** Sends SIGKILL; a container that already stopped or is gone is fine. */
    void kill(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (NotFoundException | ConflictException e) {
            LOG.debug("container {} was no longer running", id);
        }
    }

    /**
     * Force-removes the container and its anonymous volumes and frees its name. A failure is only
     * logged: the name is released, so the {@link OrphanSweeper} removes it on its next pass.
     */
    void remove(Created container) {
        try {
            docker.removeContainerCmd(container.id())
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec();
        } catch (NotFoundException e) {
            LOG.debug("container {} was already removed", container.id());
        } catch (ConflictException e) {
            LOG.debug("container {} is already being removed", container.id());
        } catch (RuntimeException e) {
            LOG.warn("could not remove container {}; the sweeper will retry: {}", container.id(), e.toString());
        } finally {
            active.release(container.name());
        }
    }
}
