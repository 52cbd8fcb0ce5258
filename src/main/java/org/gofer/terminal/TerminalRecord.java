package org.gofer.terminal;

import java.time.Instant;
import java.util.Optional;

/**
 * One debug terminal session as the log keeps it.
 *
 * @param id the session's number (also the {@code gofer.debug-session} label of its container)
 * @param submissionId the submission whose files and image the container had
 * @param instructor the hub user who opened it
 * @param image the grading image the container ran
 * @param container the container's name, once it was created
 * @param startedAt when the instructor opened it
 * @param endedAt when it ended; empty while it is open
 * @param endReason an {@link EndReason#dbValue()}; empty while it is open
 * @param detail what went wrong, for a failed start
 */
public record TerminalRecord(
        long id,
        long submissionId,
        String instructor,
        String image,
        Optional<String> container,
        Instant startedAt,
        Optional<Instant> endedAt,
        Optional<String> endReason,
        Optional<String> detail) {}
