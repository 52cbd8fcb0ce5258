package org.gofer.submission;

import org.gofer.GoferException;

/** What a student sent is not an acceptable notebook; the message says what to fix (HTTP 400). */
public final class InvalidSubmissionException extends GoferException {
    public InvalidSubmissionException(String message) {
        super(message);
    }
}
