package org.gofer.assignment.otter;

import org.gofer.GoferException;

/**
 * The autograder asks for something Gofer would not do the way otter does (an option that changes
 * scores, a requirement that could fetch from elsewhere), or the target is taken; nothing was written.
 */
public final class ImportRefusedException extends GoferException {
    public ImportRefusedException(String message) {
        super(message);
    }
}
