package org.gofer.lti;

import java.time.Instant;

/**
 * One outbox row: a score for one target and how its delivery is going.
 *
 * @param score the formatted score to send, or null when none could be computed (see lastError)
 * @param origin "launch" (a binding made by an LTI launch), "assignment" (assignment.json's lti
 *     block) or "resend" (an instructor asked)
 */
public record Passback(
        long id,
        PassbackTarget target,
        String username,
        String assignment,
        Long submissionId,
        String origin,
        String score,
        PassbackStatus status,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant updatedAt,
        Instant deliveredAt,
        Long supersededBy,
        Integer lastHttp,
        String lastCodeMajor,
        String lastError) {}
