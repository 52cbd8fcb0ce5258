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
 * @param penalty the late penalty in points taken from the counted submission (0 when on time)
 * @param lateMillis how long after the student's due date the counted submission came (0: on time)
 * @param overridden whether an instructor's override (whole score or a question) changed it
 * @param score the final points that count: {@code rawScore} after overrides and penalty
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
        double penalty,
        long lateMillis,
        boolean overridden,
        double score,
        double maxScore,
        double fraction,
        String status,
        Instant gradedAt,
        int submissions) {}
