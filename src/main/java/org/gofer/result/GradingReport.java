package org.gofer.result;

import java.util.List;
import java.util.Optional;

/**
 * A checked grading result. Built only by {@link ResultParser} (from the harness) or
 * {@link #failed} (when the run itself failed), so its numbers are always in range:
 * {@code 0 <= score <= maxScore}, each test likewise.
 *
 * @param status "graded" or "failed"
 * @param score points earned (0 when failed)
 * @param maxScore points possible
 * @param scoring "gofer" or "otter"
 * @param tests per question, in test-file order
 * @param errors cells that raised
 * @param suspicious findings that made the score zero (tampering, forged output)
 * @param reason for people, why grading failed or what limited it; empty when all went well
 * @param limitsHit which limits the run ran into (cell_timeout, memory, output, ...)
 */
public record GradingReport(
        String status,
        double score,
        double maxScore,
        String scoring,
        List<TestResult> tests,
        List<CellError> errors,
        List<String> suspicious,
        Optional<String> reason,
        List<String> limitsHit) {

    public static final String GRADED = "graded";
    public static final String FAILED = "failed";

    /** A zero-score result for a run that produced no trustworthy scores. */
    public static GradingReport failed(String reason, List<String> limitsHit) {
        return new GradingReport(FAILED, 0, 0, "", List.of(), List.of(), List.of(), Optional.of(reason), limitsHit);
    }

    /** Score over possible points, in [0, 1]; 0 when nothing was possible. */
    public double fraction() {
        return maxScore > 0 ? Math.min(1.0, Math.max(0.0, score / maxScore)) : 0.0;
    }
}
