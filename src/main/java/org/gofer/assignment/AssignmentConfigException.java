package org.gofer.assignment;

import org.gofer.GoferException;

/** An instructor's assignment.json is broken; shown to instructors, never blamed on a student. */
public final class AssignmentConfigException extends GoferException {
    public AssignmentConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
