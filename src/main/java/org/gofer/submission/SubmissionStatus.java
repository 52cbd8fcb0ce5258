package org.gofer.submission;

import java.util.Locale;

/** Where a submission is in the flow: {@code QUEUED -> RUNNING -> GRADED | FAILED}. */
public enum SubmissionStatus {
    QUEUED,
    RUNNING,
    GRADED,
    FAILED;

    /** The lower-case name used in the database and the HTTP API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubmissionStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == GRADED || this == FAILED;
    }
}
