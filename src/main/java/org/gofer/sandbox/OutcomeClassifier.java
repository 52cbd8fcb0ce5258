package org.gofer.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gofer.sandbox.SandboxOutcome.Kind;

/**
 * Turns what the service observed of one container into a {@link SandboxOutcome}. Only a verified
 * result line together with exit code 0 counts as a grading; then our timeout, the kernel's OOM
 * kill, a non-zero exit and a missing or forged result line are told apart, in that order, the way
 * testcontainers' one-shot start check separates OOM, exit code and its own timeout. Stateless.
 */
public final class OutcomeClassifier {
    private OutcomeClassifier() {}

    /**
     * @param observed what happened to the container
     * @param secret this run's secret
     */
    public static SandboxOutcome classify(Observed observed, RunSecret secret) {
        Optional<String> verified = observed.resultLines().stream()
                .map(line -> ResultLineVerifier.verify(line, secret))
                .flatMap(Optional::stream)
                .reduce((first, second) -> second); // the last verified line wins
        Optional<Integer> exit = observed.exitCode();
        if (verified.isPresent() && exit.orElse(-1) == 0 && !observed.timedOut()) {
            return outcome(observed, Kind.COMPLETED, verified, "");
        }
        if (observed.timedOut()) {
            return outcome(
                    observed,
                    Kind.TIMED_OUT,
                    Optional.empty(),
                    "The grading ran longer than its limit of " + human(observed.timeout()) + " and was stopped.");
        }
        if (observed.oomKilled()) {
            return outcome(
                    observed,
                    Kind.OUT_OF_MEMORY,
                    Optional.empty(),
                    "The grading used more than its memory limit of " + observed.memoryMb() + " MB and was stopped.");
        }
        if (exit.isEmpty()) {
            return outcome(
                    observed,
                    Kind.HARNESS_FAILED,
                    Optional.empty(),
                    "The grading container ended without an exit code.");
        }
        int code = exit.get();
        if (code != 0) {
            String how = code > 128 && code < 160
                    ? "was killed by signal " + (code - 128) + " (exit code " + code + ")"
                    : "exited with code " + code;
            return outcome(
                    observed,
                    Kind.HARNESS_FAILED,
                    Optional.empty(),
                    "The grading harness " + how + " without a result.");
        }
        String detail = observed.resultLines().isEmpty()
                ? "The grading harness exited without writing a result."
                : "The grading harness wrote a result that did not verify (forged or corrupted); it was ignored.";
        return outcome(observed, Kind.HARNESS_FAILED, Optional.empty(), detail);
    }

    private static SandboxOutcome outcome(Observed observed, Kind kind, Optional<String> result, String detail) {
        return new SandboxOutcome(kind, result, observed.exitCode(), observed.log(), observed.elapsed(), detail);
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
    }

    /**
     * What the service saw of one container run.
     *
     * @param timedOut the service killed it at the wall-clock limit
     * @param oomKilled Docker reports the kernel OOM-killed it
     * @param exitCode its exit code, when it exited
     * @param resultLines candidate result lines from its stdout, unverified, oldest first
     * @param log captured output (capped)
     * @param elapsed from start to exit
     * @param timeout the wall-clock limit
     * @param memoryMb the memory limit
     */
    public record Observed(
            boolean timedOut,
            boolean oomKilled,
            Optional<Integer> exitCode,
            List<String> resultLines,
            String log,
            Duration elapsed,
            Duration timeout,
            long memoryMb) {}
}
