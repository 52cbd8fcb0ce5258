package org.gofer.gradebook;

import java.time.Duration;

/**
 * One finished grading as {@link CountedGrades} values it, before the policy chooses.
 *
 * @param submissionId the submission
 * @param rawScore the points its grading recorded
 * @param baseScore after instructors' per-question overrides
 * @param penalty points the late policy takes (0 when on time or within the grace)
 * @param lateMillis how long after the student's due date it was submitted (0: on time)
 * @param score {@code max(0, baseScore - penalty)}
 * @param maxScore the points possible
 */
public record AdjustedGrade(
        long submissionId,
        double rawScore,
        double baseScore,
        double penalty,
        long lateMillis,
        double score,
        double maxScore) {

    public boolean late() {
        return lateMillis > 0;
    }

    public Duration lateness() {
        return Duration.ofMillis(lateMillis);
    }
}
