package org.gofer.sandbox;

import java.time.Duration;
import java.util.Optional;

/**
 * What one container run produced.
 *
 * @param kind how the run ended
 * @param resultJson the harness's results JSON, present only when its HMAC verified
 * @param exitCode the container's exit code, when it exited
 * @param log the container's output (capped), for instructors
 * @param elapsed wall time from container start to exit
 * @param detail a sentence for people on what went wrong, empty when all went well
 */
public record SandboxOutcome(
        Kind kind,
        Optional<String> resultJson,
        Optional<Integer> exitCode,
        String log,
        Duration elapsed,
        String detail) {

    public enum Kind {
        /** The harness ran to the end and its result verified. */
        COMPLETED,
        /** The wall-clock limit ran out; the container was killed. */
        TIMED_OUT,
        /** The kernel killed the container's main process for memory. */
        OUT_OF_MEMORY,
        /** The harness exited without a verifiable result (crashed, killed, or forged output). */
        HARNESS_FAILED
    }
}
