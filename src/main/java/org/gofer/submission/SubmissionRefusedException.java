package org.gofer.submission;

import java.util.Optional;
import org.gofer.GoferException;

/**
 * The assignment's submission limits refuse this submission; nothing was stored. HTTP 429 with
 * {@code Retry-After} when the student must wait, 409 when no submissions are left.
 */
public final class SubmissionRefusedException extends GoferException {
    private final int status;
    private final Optional<Long> retryAfterSeconds;

    private SubmissionRefusedException(String message, int status, Optional<Long> retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static SubmissionRefusedException tooSoon(String message, long retryAfterSeconds) {
        return new SubmissionRefusedException(message, 429, Optional.of(retryAfterSeconds));
    }

    static SubmissionRefusedException noneLeft(String message) {
        return new SubmissionRefusedException(message, 409, Optional.empty());
    }

    public int status() {
        return status;
    }

    /** Seconds until the next submission is allowed, for the Retry-After header. */
    public Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
