package org.gofer.gradebook;

import org.gofer.GoferException;

/** An override of a student who has no finished grading of the assignment yet (HTTP 409). */
public final class NoCountedGradeException extends GoferException {
    public NoCountedGradeException(String message) {
        super(message);
    }
}
