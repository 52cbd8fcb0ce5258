package org.gofer.hubauth;

import org.gofer.GoferException;

/** The request carries no usable credentials (HTTP 401). */
public final class AuthenticationException extends GoferException {
    public AuthenticationException(String message) {
        super(message);
    }
}
