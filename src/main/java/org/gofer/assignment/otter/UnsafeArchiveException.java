package org.gofer.assignment.otter;

import org.gofer.GoferException;

/** The archive is not one Gofer unpacks: a path trick, a link, too many or too large files, a duplicate. */
public final class UnsafeArchiveException extends GoferException {
    public UnsafeArchiveException(String message) {
        super(message);
    }
}
