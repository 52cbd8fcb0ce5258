package org.gofer.environment;

import java.nio.file.Path;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;

/**
 * Environments by assignment, for instructors' pages and API: reads the assignment's current spec
 * from its directory and asks {@link Environments} about it. Thread-safe.
 */
public final class AssignmentEnvironments {
    private final AssignmentCatalog catalog;
    private final Environments environments;
    private final String defaultImage;

    public AssignmentEnvironments(AssignmentCatalog catalog, Environments environments, String defaultImage) {
        this.catalog = catalog;
        this.environments = environments;
        this.defaultImage = defaultImage;
    }

    /**
     * The environment's state; status {@code none} with the plain image when the assignment has
     * none. Throws when the assignment is unknown or its assignment.json is broken.
     */
    public EnvironmentStatus status(AssignmentKey key) {
        Assignment.Settings settings = catalog.settings(key);
        return EnvironmentSpec.of(settings, defaultImage)
                .map(environments::status)
                .orElseGet(() -> new EnvironmentStatus(
                        Optional.empty(),
                        Optional.empty(),
                        settings.image().orElse(defaultImage),
                        Optional.empty(),
                        ""));
    }

    /** Builds the assignment's environment again from scratch; empty when it has none. */
    public Optional<EnvironmentStatus> rebuild(AssignmentKey key) {
        return EnvironmentSpec.of(catalog.settings(key), defaultImage).map(spec -> environments.rebuild(key, spec));
    }

    /** The full build log of the assignment's current spec, when it was built (or tried) since. */
    public Optional<Path> log(AssignmentKey key) {
        return EnvironmentSpec.of(catalog.settings(key), defaultImage).flatMap(environments::log);
    }
}
