package org.gofer.environment;

import org.gofer.GoferException;

/**
 * An environment's image could not be built; the message says why in a line, the build log has the rest.
 * {@link #specAtFault()} tells a build step that failed (pip or apt refused the spec, or the build ran
 * past its time) from Docker breaking off under it, which is no reason to mark the spec as failed.
 */
public final class EnvironmentBuildException extends GoferException {
    private final boolean specAtFault;

    public EnvironmentBuildException(String message, Throwable cause) {
        this(message, cause, true);
    }

    public EnvironmentBuildException(String message, Throwable cause, boolean specAtFault) {
        super(message, cause);
        this.specAtFault = specAtFault;
    }

    /** True when a step of the build failed; false when Docker itself failed during the build. */
    public boolean specAtFault() {
        return specAtFault;
    }
}
