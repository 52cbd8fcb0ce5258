package org.gofer.pages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.Deadlines;
import org.gofer.assignment.InvalidAssignmentKeyException;
import org.gofer.gradebook.GradingRule;
import org.gofer.gradebook.GradingRules;
import org.jdbi.v3.core.Jdbi;

/**
 * The assignments pages list: those in the tests directory plus any that still have submissions
 * after their directory went away. Reads settings without support files; a broken
 * assignment.json shows as a problem on the page instead of failing it. Thread-safe.
 */
final class Assignments {
    private final AssignmentCatalog catalog;
    private final Jdbi jdbi;

    Assignments(AssignmentCatalog catalog, Jdbi jdbi) {
        this.catalog = catalog;
        this.jdbi = jdbi;
    }

    /** Every assignment, sorted by key. */
    List<AssignmentInfo> all() {
        Set<String> keys = new TreeSet<>();
        catalog.list().forEach(k -> keys.add(k.toString()));
        keys.addAll(jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT assignment FROM submissions")
                .mapTo(String.class)
                .list()));
        List<AssignmentInfo> out = new ArrayList<>();
        for (String k : keys) {
            parse(k).map(this::info).ifPresent(out::add);
        }
        return out;
    }

    AssignmentInfo info(AssignmentKey key) {
        try {
            Assignment.Settings s = catalog.settings(key);
            return new AssignmentInfo(
                    key, s.title(), s.deadlines(), s.policy(), Optional.empty(), s.leaderboard(), s.attempts());
        } catch (RuntimeException e) {
            String why = catalog.exists(key)
                    ? "assignment.json cannot be read: " + e.getMessage()
                    : "no longer in the course's tests";
            return new AssignmentInfo(
                    key,
                    key.name(),
                    Deadlines.none(),
                    Assignment.Policy.BEST,
                    Optional.of(why),
                    false,
                    Assignment.Attempts.none());
        }
    }

    /** The settings (limits and all); throws when assignment.json is broken or the assignment is gone. */
    Assignment.Settings settingsOf(AssignmentKey key) {
        return catalog.settings(key);
    }

    /** The grading rules (policy, due date, late penalty) of the given assignments. */
    static GradingRules rules(Collection<AssignmentInfo> infos) {
        Map<String, GradingRule> m = new HashMap<>();
        infos.forEach(i -> m.put(i.id(), i.rule()));
        return GradingRules.of(m);
    }

    static Optional<AssignmentKey> parse(String key) {
        try {
            return Optional.of(AssignmentKey.parse(key));
        } catch (InvalidAssignmentKeyException e) {
            return Optional.empty();
        }
    }
}
