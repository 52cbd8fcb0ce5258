package org.gofer.result;

import org.gofer.GoferException;

/** The harness's results do not match the contract; the grading is recorded as failed. */
public final class MalformedResultException extends GoferException {
    public MalformedResultException(String message) {
        super(message);
    }

    public MalformedResultException(String message, Throwable cause) {
        super(message, cause);
    }
}
