package org.gofer.gradebook;

import java.time.Instant;

/**
 * One student's standing on one assignment: the grade {@link CountedGrades} chose among theirs,
 * with the share it computed (the policy ranks by it, so it is computed in one place only).
 *
 * @param username the hub user
 * @param assignment course/section/name
 * @param submissionId the submission whose grade counts
 * @param rawScore the points its grading recorded
 * @param score the points that count: {@code rawScore} after adjustments (none yet)
 * @param maxScore its points possible
 * @param fraction the counted share of the points possible, in [0, 1]; 0 when nothing was possible
 * @param status graded or failed
 * @param gradedAt when that grade was recorded
 * @param submissions how many graded submissions the student has for the assignment
 */
public record ScoreRow(
        String username,
        String assignment,
        long submissionId,
        double rawScore,
        double score,
        double maxScore,
        double fraction,
        String status,
        Instant gradedAt,
        int submissions) {}
