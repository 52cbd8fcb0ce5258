package org.gofer.gradebook;

import org.gofer.assignment.Assignment;

/**
 * Chooses which of a student's grades counts: the best (ties go to the later one) or the latest.
 * Stateless.
 */
final class ScorePolicy {
    private ScorePolicy() {}

    /** True when {@code candidate} (a later submission than {@code current}) should replace it. */
    static boolean prefers(Assignment.Policy policy, ScoreRow current, ScoreRow candidate) {
        if (policy == Assignment.Policy.LATEST) {
            return true;
        }
        return candidate.fraction() >= current.fraction();
    }
}
