package org.gofer.publication;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether students see an assignment, and the last change.
 *
 * @param assignment course/section/name
 * @param published students see it and may submit
 * @param forced the last publish went ahead without a passing validation
 * @param changedAt when, empty for an assignment that has no row (published by being on disk)
 * @param changedBy who, empty likewise
 */
public record PublicationState(
        String assignment, boolean published, boolean forced, Optional<Instant> changedAt, Optional<String> changedBy) {

    /** An assignment copied onto the server, never switched: published. */
    static PublicationState onDisk(String assignment) {
        return new PublicationState(assignment, true, false, Optional.empty(), Optional.empty());
    }
}
