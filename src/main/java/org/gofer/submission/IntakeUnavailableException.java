package org.gofer.submission;

import org.gofer.GoferException;

/**
 * The submission could not be committed (the gradebook failed the batch's transaction, or the
 * service is shutting down): no row was written and the caller got no 202. HTTP 503: submitting
 * again is safe.
 */
public final class IntakeUnavailableException extends GoferException {
    IntakeUnavailableException(String message) {
        super(message);
    }

    IntakeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
