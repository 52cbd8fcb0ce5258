package org.gofer.lti;

/**
 * What one delivery attempt achieved, as recorded in the audit log.
 *
 * @param outcome delivered, worth retrying, or never going to work without a person
 * @param messageId the request's message identifier (null when nothing was sent)
 * @param bodySha1 base64 SHA-1 of the exact body bytes sent (null when nothing was sent)
 * @param httpStatus the HTTP status, or null when no answer came
 * @param codeMajor the LMS's {@code imsx_codeMajor}, or null
 * @param description what the LMS said, or what went wrong on our side
 * @param latencyMillis time from sending to the answer (or the failure)
 */
public record PassbackResult(
        Outcome outcome,
        String messageId,
        String bodySha1,
        Integer httpStatus,
        String codeMajor,
        String description,
        long latencyMillis) {

    /** How the sender proceeds. */
    public enum Outcome {
        DELIVERED,
        RETRY,
        PERMANENT
    }

    /** A failure found before anything was sent (configuration, data). */
    public static PassbackResult permanentBeforeSending(String description) {
        return new PassbackResult(Outcome.PERMANENT, null, null, null, null, description, 0);
    }
}
