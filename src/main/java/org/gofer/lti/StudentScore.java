package org.gofer.lti;

import org.gofer.gradebook.CountedGrades;
import org.gofer.gradebook.GradingRule;
import org.gofer.gradebook.ScoreRow;
import org.gofer.submission.SubmissionStatus;
import org.jdbi.v3.core.Handle;

/**
 * The one number an LMS gets for a student and assignment: the grade the gradebook counts
 * ({@link CountedGrades}, the same one the CSV and the pages show), as a fraction of the points
 * possible. Stateless.
 */
final class StudentScore {
    private StudentScore() {}

    /**
     * Reads in the caller's transaction, so a grade being recorded in it is already counted.
     *
     * @return the fraction in [0, 1], or NaN when there is nothing to send: no finished grading, or
     *     a counted grading that had no points possible (an LMS should not be told 0 for that)
     */
    static double fraction(Handle handle, String username, String assignment, GradingRule rule) {
        return CountedGrades.forStudent(handle, username, assignment, rule)
                .map(StudentScore::sendable)
                .orElse(Double.NaN);
    }

    private static double sendable(ScoreRow counted) {
        boolean failed = SubmissionStatus.FAILED.wireName().equals(counted.status());
        return counted.maxScore() > 0 || failed ? counted.fraction() : Double.NaN;
    }
}
