package org.gofer.lti;

/**
 * Delivers one outbox row to an LMS with one protocol (LTI 1.1 Basic Outcomes today; LTI 1.3
 * Assignment and Grade Services would be a second implementation). Implementations must be
 * thread-safe, must not throw for delivery problems and must decide whether a failure is worth
 * retrying: the sender only schedules.
 */
public interface OutcomePublisher {

    /** The value of the outbox's {@code protocol} column this publisher handles. */
    String protocol();

    /**
     * Sends {@code passback}'s score once, signed afresh for this attempt.
     *
     * @param attempt 1 for the first attempt of this row
     */
    PassbackResult publish(Passback passback, int attempt);
}
