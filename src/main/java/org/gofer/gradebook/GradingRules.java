package org.gofer.gradebook;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.gofer.assignment.Assignment;

/**
 * The rules of the assignments a gradebook read covers, by assignment key; an assignment not in
 * it counts the best grade and has no late penalty. {@link CountedGrades} binds them as a
 * {@code VALUES} table. Immutable.
 */
public final class GradingRules {
    private final Map<String, GradingRule> byAssignment;

    private GradingRules(Map<String, GradingRule> byAssignment) {
        this.byAssignment = new TreeMap<>(byAssignment); // sorted: the SQL text and its bindings agree
    }

    public static GradingRules of(Map<String, GradingRule> byAssignment) {
        return new GradingRules(byAssignment);
    }

    public static GradingRules none() {
        return new GradingRules(Map.of());
    }

    public static GradingRules single(String assignment, GradingRule rule) {
        return new GradingRules(Map.of(assignment, rule));
    }

    /** Only a policy per assignment: the keys in {@code latest} count the latest grade, all others the best. */
    public static GradingRules latest(Iterable<String> latest) {
        Map<String, GradingRule> m = new TreeMap<>();
        latest.forEach(a -> m.put(a, GradingRule.of(Assignment.Policy.LATEST)));
        return new GradingRules(m);
    }

    /** The rules of {@code assignments}, each looked up once with {@code ruleOf}. */
    public static GradingRules lookUp(Iterable<String> assignments, Function<String, GradingRule> ruleOf) {
        Map<String, GradingRule> m = new TreeMap<>();
        assignments.forEach(a -> m.computeIfAbsent(a, ruleOf));
        return new GradingRules(m);
    }

    public GradingRule of(String assignment) {
        return byAssignment.getOrDefault(assignment, GradingRule.plain());
    }

    Map<String, GradingRule> asMap() {
        return byAssignment;
    }
}
