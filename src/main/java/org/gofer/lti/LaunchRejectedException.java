package org.gofer.lti;

/**
 * A launch that was not accepted. The message says why in words a student can pass on to course
 * staff; it never repeats the launch's parameters. Nothing was stored.
 */
public final class LaunchRejectedException extends LtiException {
    private final int status;

    public LaunchRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the launch page should answer with. */
    public int status() {
        return status;
    }
}
