package org.gofer.environment;

import org.gofer.GoferException;

/** An environment's image could not be built; the message says why in a line, the build log has the rest. */
public final class EnvironmentBuildException extends GoferException {
    public EnvironmentBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
