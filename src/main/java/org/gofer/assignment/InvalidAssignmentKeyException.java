package org.gofer.assignment;

import org.gofer.GoferException;

/** The notebook's metadata does not name an assignment in a usable way; the message says how to fix it. */
public final class InvalidAssignmentKeyException extends GoferException {
    public InvalidAssignmentKeyException(String message) {
        super(message);
    }
}
