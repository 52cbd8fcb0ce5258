package org.gofer.publication;

import java.time.Instant;
import java.util.List;

/**
 * One validation of an assignment: its solution notebooks graded in the sandbox.
 *
 * @param id the run's number
 * @param assignment course/section/name
 * @param requestedBy who uploaded or asked for it
 * @param requestedAt when
 * @param results one per solution notebook, by path
 */
public record ValidationRun(
        long id, String assignment, String requestedBy, Instant requestedAt, List<ValidationResult> results) {

    /** Where a run stands, for the page, the API and the publish check. */
    public enum Verdict {
        /** Some solutions are still queued or grading. */
        RUNNING,
        /** Every solution got full marks. */
        PASSED,
        /** Every solution was graded, but at least one short of full marks or failed. */
        WARNING,
        /** The assignment has no solution notebook to grade. */
        NO_SOLUTIONS
    }

    public Verdict verdict() {
        if (results.isEmpty()) {
            return Verdict.NO_SOLUTIONS;
        }
        if (results.stream().anyMatch(r -> !r.finished())) {
            return Verdict.RUNNING;
        }
        return results.stream().allMatch(ValidationResult::fullMarks) ? Verdict.PASSED : Verdict.WARNING;
    }
}
