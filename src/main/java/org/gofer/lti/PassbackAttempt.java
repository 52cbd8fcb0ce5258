package org.gofer.lti;

import java.time.Instant;

/** One line of the passback audit log: an attempt and what came back. */
public record PassbackAttempt(
        int attempt,
        Instant attemptedAt,
        String messageId,
        String bodySha1,
        Integer httpStatus,
        String codeMajor,
        String description,
        String outcome,
        long latencyMillis) {}
