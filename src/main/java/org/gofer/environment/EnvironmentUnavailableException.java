package org.gofer.environment;

import org.gofer.GoferException;

/** Docker does not answer or the environment's base image is missing: try again later, nobody's spec is wrong. */
public final class EnvironmentUnavailableException extends GoferException {
    public EnvironmentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
