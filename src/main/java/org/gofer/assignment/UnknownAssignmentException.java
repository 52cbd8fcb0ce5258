package org.gofer.assignment;

import org.gofer.GoferException;

/** A well-formed key names no assignment under the tests directory. */
public final class UnknownAssignmentException extends GoferException {
    public UnknownAssignmentException(AssignmentKey key) {
        super("unknown assignment '" + key + "': this course has no tests for it; check the course, section "
                + "and assignment in the notebook's metadata");
    }
}
