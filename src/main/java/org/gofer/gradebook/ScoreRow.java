package org.gofer.gradebook;

import java.time.Instant;

/**
 * One student's standing on one assignment after the policy chose among their grades.
 *
 * @param username the hub user
 * @param assignment course/section/name
 * @param submissionId the submission whose grade counts
 * @param score its points
 * @param maxScore its points possible
 * @param status graded or failed
 * @param gradedAt when that grade was recorded
 * @param submissions how many graded submissions the student has for the assignment
 */
public record ScoreRow(
        String username, String assignment, long submissionId, double score, double maxScore, String status,
        Instant gradedAt, int submissions) {

    public double fraction() {
        return maxScore > 0 ? Math.max(0, Math.min(1, score / maxScore)) : 0;
    }
}
