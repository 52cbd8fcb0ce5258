package org.gofer.gradebook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.Deadlines;

/**
 * What {@link CountedGrades} needs to know of one assignment's settings: which submission counts
 * and what lateness costs. Immutable.
 *
 * @param policy best or latest
 * @param dueAt the due date, before any student's extension
 * @param late the late penalty, when the assignment has one
 */
public record GradingRule(Assignment.Policy policy, Optional<Instant> dueAt, Optional<Deadlines.LatePolicy> late) {

    /** Best counts, nothing is late: what an assignment without settings gets. */
    public static GradingRule plain() {
        return new GradingRule(Assignment.Policy.BEST, Optional.empty(), Optional.empty());
    }

    public static GradingRule of(Assignment.Settings settings) {
        return new GradingRule(
                settings.policy(),
                settings.deadlines().dueAt(),
                settings.deadlines().late());
    }

    /** The rule of a stored assignment key; {@link #plain()} when the assignment is gone or unreadable. */
    public static GradingRule lookUp(AssignmentCatalog catalog, String assignment) {
        try {
            return of(catalog.settings(AssignmentKey.parse(assignment)));
        } catch (RuntimeException e) {
            return plain();
        }
    }

    /** The rule with only a policy (tests and readers that know nothing of deadlines). */
    public static GradingRule of(Assignment.Policy policy) {
        return new GradingRule(policy, Optional.empty(), Optional.empty());
    }

    long graceMillis() {
        return late.map(l -> l.grace().toMillis()).orElse(0L);
    }

    long unitMillis() {
        return late.map(l -> l.per().toMillis()).orElse(Duration.ofDays(1).toMillis());
    }

    double percent() {
        return late.map(Deadlines.LatePolicy::penaltyPercent).orElse(0.0);
    }
}
