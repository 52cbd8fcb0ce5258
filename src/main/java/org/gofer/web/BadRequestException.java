package org.gofer.web;

import org.gofer.GoferException;

/** A query parameter or form field is malformed (HTTP 400); the message names it. */
public final class BadRequestException extends GoferException {
    public BadRequestException(String message) {
        super(message);
    }
}
