package org.gofer.publication;

import org.gofer.GoferException;

/** The change conflicts with the assignment's state: a published assignment in the way, a validation not passed. */
public final class PublicationConflictException extends GoferException {
    public PublicationConflictException(String message) {
        super(message);
    }
}
