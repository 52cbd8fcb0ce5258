package org.gofer.publication;

import org.gofer.GoferException;

/** An uploaded assignment Gofer cannot grade (no tests, a broken assignment.json, not a notebook); nothing was written. */
public final class UploadRejectedException extends GoferException {
    public UploadRejectedException(String message) {
        super(message);
    }

    public UploadRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
