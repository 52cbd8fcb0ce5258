package org.gofer.submission;

import java.util.Arrays;
import java.util.List;
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

    /** The wire names of the final statuses, to bind as a list in SQL ({@code status IN (<final>)}). */
    public static List<String> finalWireNames() {
        return Arrays.stream(values())
                .filter(SubmissionStatus::isFinal)
                .map(SubmissionStatus::wireName)
                .toList();
    }
}
