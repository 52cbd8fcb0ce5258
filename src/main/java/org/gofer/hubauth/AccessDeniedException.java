package org.gofer.hubauth;

import org.gofer.GoferException;

/** The caller is known but may not do this (HTTP 403): no access scope, not an instructor, not the owner. */
public final class AccessDeniedException extends GoferException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
