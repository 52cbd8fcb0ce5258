package org.gofer.environment;

import java.util.Optional;

/**
 * What instructors see about an assignment's environment. Immutable.
 *
 * @param record the build's state; empty when the assignment has no environment or its base is missing
 * @param spec the assignment's spec; empty when it grades in its image as it is
 * @param image the image its submissions grade in (the environment's tag, or the plain image)
 * @param problem why the state could not be worked out (Docker down, base image missing)
 * @param logTail the end of the build log
 */
public record EnvironmentStatus(
        Optional<BuildRecord> record,
        Optional<EnvironmentSpec> spec,
        String image,
        Optional<String> problem,
        String logTail) {

    public BuildRecord.Status status() {
        return record.map(BuildRecord::status).orElse(BuildRecord.Status.NONE);
    }
}
