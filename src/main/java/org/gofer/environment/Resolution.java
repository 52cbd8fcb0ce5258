package org.gofer.environment;

/**
 * Whether a job can grade in its assignment's environment now. Immutable.
 *
 * @param kind where the environment stands
 * @param image the tag to grade in (READY only)
 * @param detail why not, for the queue's note (other kinds)
 */
public record Resolution(Kind kind, String image, String detail) {

    public enum Kind {
        /** Built: grade in {@link #image}. */
        READY,
        /** Being built (or waiting behind another build): check again shortly. */
        BUILDING,
        /** The build failed: wait for a fixed spec or an instructor's rebuild. */
        FAILED,
        /** Docker or the base image is missing: an infrastructure problem, retried with backoff. */
        UNAVAILABLE
    }

    static Resolution ready(String image) {
        return new Resolution(Kind.READY, image, "");
    }

    static Resolution building(String tag) {
        return new Resolution(Kind.BUILDING, "", tag + " is being built");
    }

    static Resolution failed(String why) {
        return new Resolution(Kind.FAILED, "", why);
    }

    static Resolution unavailable(String why) {
        return new Resolution(Kind.UNAVAILABLE, "", why);
    }
}
