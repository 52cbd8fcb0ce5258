package org.gofer.lti;

import java.util.Locale;

/** Lifecycle of an outbox row: {@code PENDING → DELIVERED | FAILED | SUPERSEDED}. */
public enum PassbackStatus {
    /** Waiting for its next attempt. */
    PENDING,
    /** The LMS answered {@code imsx_codeMajor=success}. */
    DELIVERED,
    /** A permanent failure, or retries gave up; an instructor has to look (and may resend). */
    FAILED,
    /** A newer score for the same target replaced it before it was delivered. */
    SUPERSEDED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PassbackStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
