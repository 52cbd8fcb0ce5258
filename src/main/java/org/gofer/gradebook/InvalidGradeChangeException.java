package org.gofer.gradebook;

import org.gofer.GoferException;

/** An extension or override that cannot be applied as asked (HTTP 400); nothing was changed. */
public final class InvalidGradeChangeException extends GoferException {
    public InvalidGradeChangeException(String message) {
        super(message);
    }
}
