package org.gofer.environment;

import java.util.List;
import java.util.Optional;
import org.gofer.assignment.Assignment;

/**
 * What an assignment's grading image is built from: a base image plus Debian packages and a
 * checked requirements file (see {@code assignment.EnvironmentSettings}). Immutable.
 *
 * @param base the image to build FROM (the assignment's image, else the service's default)
 * @param apt Debian packages, sorted, without duplicates
 * @param requirementsPath where the requirements came from, relative to the assignment (for people)
 * @param requirements the requirements file's bytes; empty without one
 */
public record EnvironmentSpec(String base, List<String> apt, Optional<String> requirementsPath, byte[] requirements) {

    public EnvironmentSpec {
        apt = List.copyOf(apt);
        requirements = requirements.clone();
    }

    /** The assignment's spec, or empty when it grades in its image as it is. */
    public static Optional<EnvironmentSpec> of(Assignment.Settings settings, String defaultImage) {
        return settings.environment()
                .map(e -> new EnvironmentSpec(
                        settings.image().orElse(defaultImage), e.apt(), e.requirementsPath(), e.requirements()));
    }

    public boolean hasRequirements() {
        return requirements.length > 0;
    }

    @Override
    public byte[] requirements() {
        return requirements.clone();
    }
}
