package org.gofer.gradebook;

import org.gofer.GoferException;

/**
 * A submission outside the assignment's window: before it opens or after its cutoff (HTTP 403,
 * the message says when it opens or closed). Nothing is stored.
 */
public final class SubmissionWindowClosedException extends GoferException {
    public SubmissionWindowClosedException(String message) {
        super(message);
    }
}
