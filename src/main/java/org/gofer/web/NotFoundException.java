package org.gofer.web;

import org.gofer.GoferException;

/** The addressed thing (a submission) does not exist (HTTP 404). */
public final class NotFoundException extends GoferException {
    public NotFoundException(String message) {
        super(message);
    }
}
