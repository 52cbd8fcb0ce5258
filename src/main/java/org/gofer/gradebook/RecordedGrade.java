package org.gofer.gradebook;

import java.time.Instant;

/**
 * A grade as the gradebook recorded it.
 *
 * @param submissionId the graded submission
 * @param username the hub user who submitted
 * @param assignment course/section/name
 * @param score points earned (0 for a failed grading)
 * @param maxScore points possible (may be 0 when grading failed before tests were read)
 * @param status "graded" or "failed"
 * @param recordedAt when the grade was recorded
 */
public record RecordedGrade(
        long submissionId,
        String username,
        String assignment,
        double score,
        double maxScore,
        String status,
        Instant recordedAt) {}
