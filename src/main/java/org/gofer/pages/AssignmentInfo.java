package org.gofer.pages;

import java.time.Instant;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.Deadlines;
import org.gofer.gradebook.Extension;
import org.gofer.gradebook.GradingRule;

/**
 * What pages show about an assignment.
 *
 * @param key course/section/name
 * @param title from assignment.json, else the name
 * @param deadlines opening, due date and late policy (none when unreadable)
 * @param policy best or latest
 * @param problem why the settings could not be read (then the other fields are defaults)
 * @param leaderboard whether the assignment has a leaderboard
 * @param attempts the submission limits (none when the settings could not be read)
 */
record AssignmentInfo(
        AssignmentKey key,
        String title,
        Deadlines deadlines,
        Assignment.Policy policy,
        Optional<String> problem,
        boolean leaderboard,
        Assignment.Attempts attempts) {

    String id() {
        return key.toString();
    }

    /** The key as a path: course/section/name (each part a validated segment). */
    String path() {
        return key.course() + "/" + key.section() + "/" + key.name();
    }

    /** The due date, when set. */
    Optional<Instant> deadline() {
        return deadlines.dueAt();
    }

    /** A student's own due date: their extension's, else the assignment's. */
    Optional<Instant> dueFor(Optional<Extension> extension) {
        return extension.map(Extension::dueAt).or(this::deadline);
    }

    /** Whether work submitted at {@code t} is late against the student's own due date. */
    boolean lateAt(Instant t, Optional<Extension> extension) {
        return dueFor(extension).map(t::isAfter).orElse(false);
    }

    GradingRule rule() {
        return new GradingRule(policy, deadlines.dueAt(), deadlines.late());
    }
}
