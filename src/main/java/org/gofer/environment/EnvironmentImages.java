package org.gofer.environment;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Map;

/**
 * What Docker knows about environments: the base image's ID (part of the hash) and whether an
 * environment's image is there. The image is the truth about "built": an image that exists after
 * a restart is ready, one removed by hand is built again. Thread-safe (docker-java's client is).
 */
final class EnvironmentImages {
    private final DockerClient docker;

    EnvironmentImages(DockerClient docker) {
        this.docker = docker;
    }

    /** @throws EnvironmentUnavailableException when the base is missing or Docker does not answer */
    String baseImageId(EnvironmentSpec spec) {
        try {
            return docker.inspectImageCmd(spec.base()).exec().getId();
        } catch (NotFoundException e) {
            throw new EnvironmentUnavailableException(
                    "the base image " + spec.base() + " of the assignment's environment is missing; build it first", e);
        } catch (RuntimeException e) {
            throw new EnvironmentUnavailableException("Docker does not answer: " + e.getMessage(), e);
        }
    }

    /** An image with the hash's tag whose label carries the whole hash (a prefix collision is not ready). */
    boolean ready(String hash) {
        try {
            InspectImageResponse image =
                    docker.inspectImageCmd(EnvironmentHash.tag(hash)).exec();
            Map<String, String> labels =
                    image.getConfig() == null ? null : image.getConfig().getLabels();
            return labels != null && hash.equals(labels.get(EnvironmentDockerfile.HASH_LABEL));
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean dockerAnswers() {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
