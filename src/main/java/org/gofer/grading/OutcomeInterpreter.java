package org.gofer.grading;

import java.util.List;
import org.gofer.result.GradingReport;
import org.gofer.result.MalformedResultException;
import org.gofer.result.ResultParser;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;

/**
 * Turns what a container run produced into a grade. Every way a run can go wrong becomes a
 * zero-score result with a reason a student can act on, never an exception. Thread-safe.
 */
public final class OutcomeInterpreter {
    private final ResultParser parser = new ResultParser();

    public GradingReport interpret(SandboxJob job, SandboxOutcome outcome) {
        return switch (outcome.kind()) {
            case COMPLETED -> parse(outcome);
            case TIMED_OUT ->
                GradingReport.failed(
                        "the notebook ran longer than the "
                                + job.limits().timeout().toSeconds()
                                + " s limit and was stopped; look for a loop that never "
                                + "ends or a very slow cell",
                        List.of("timeout"));
            case OUT_OF_MEMORY ->
                GradingReport.failed(
                        "the notebook used more than the " + job.limits().memoryMb()
                                + " MB memory limit and was stopped",
                        List.of("memory"));
            case HARNESS_FAILED -> GradingReport.failed("grading could not finish: " + outcome.detail(), List.of());
        };
    }

    private GradingReport parse(SandboxOutcome outcome) {
        if (outcome.resultJson().isEmpty()) {
            return GradingReport.failed("grading produced no verifiable result", List.of());
        }
        try {
            return parser.parse(outcome.resultJson().get());
        } catch (MalformedResultException e) {
            return GradingReport.failed("grading produced malformed results (" + e.getMessage() + ")", List.of());
        }
    }
}
