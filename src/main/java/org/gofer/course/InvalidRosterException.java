package org.gofer.course;

import org.gofer.GoferException;

/** An uploaded roster that cannot be used (HTTP 400); the message names the line. Nothing was changed. */
public final class InvalidRosterException extends GoferException {
    public InvalidRosterException(String message) {
        super(message);
    }
}
