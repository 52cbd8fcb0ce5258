package org.gofer.leaderboard;

import java.time.Instant;
import java.util.Optional;

/**
 * One student's place on an assignment's leaderboard.
 *
 * @param rank 1 for the best; students with the same score submitted at the same instant share a rank
 * @param username the hub user (for instructors' eyes only: pages never show it to students)
 * @param displayName the name the student chose, if any
 * @param score the counted points
 * @param maxScore the points possible
 * @param fraction the counted share of the points possible, in [0, 1], which the board ranks by
 * @param submittedAt when the counted submission arrived, which breaks ties (earlier first)
 * @param submissionId the counted submission
 */
public record Standing(
        long rank,
        String username,
        Optional<DisplayName> displayName,
        double score,
        double maxScore,
        double fraction,
        Instant submittedAt,
        long submissionId) {}
