package org.gofer.publication;

import java.time.Instant;
import java.util.Optional;

/** One line of an assignment's publication history: upload, replace, publish, publish_anyway or unpublish. */
public record PublicationLogEntry(String action, String actor, Instant at, Optional<String> detail) {}
