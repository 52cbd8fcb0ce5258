package org.gofer.web;

import org.gofer.GoferException;

/** The request body's Content-Type is not one Gofer reads (HTTP 415). */
public final class UnsupportedMediaTypeException extends GoferException {
    public UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
