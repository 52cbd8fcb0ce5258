package org.gofer.sandbox;

import org.gofer.GoferException;

/** Grading cannot run right now for reasons that are not the submission's; retry later. */
public final class SandboxUnavailableException extends GoferException {
    public SandboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
