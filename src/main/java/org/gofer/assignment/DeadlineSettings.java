package org.gofer.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code opens_at}, {@code due_at} (alias {@code deadline}) and {@code late_policy} from
 * {@code assignment.json} into {@link Deadlines}, with a message naming the bad key. Stateless.
 *
 * <pre>
 * "opens_at": "2026-11-20T08:00:00Z",
 * "due_at": "2026-12-01T23:59:00Z",
 * "late_policy": {"grace_minutes": 15, "penalty_percent": 10, "per": "day", "cutoff_after": "P3D"}
 * </pre>
 */
final class DeadlineSettings {
    private static final Set<String> POLICY_KEYS = Set.of("grace_minutes", "penalty_percent", "per", "cutoff_after");

    private DeadlineSettings() {}

    static Deadlines read(Path file, JsonNode node) {
        Optional<Instant> opens = instant(file, node, "opens_at");
        Optional<Instant> due = instant(file, node, "due_at");
        Optional<Instant> alias = instant(file, node, "deadline");
        if (due.isPresent() && alias.isPresent() && !due.equals(alias)) {
            throw new AssignmentConfigException(
                    file + ": \"deadline\" is another name for \"due_at\" and they differ; set one of them", null);
        }
        due = due.or(() -> alias);
        if (opens.isPresent() && due.isPresent() && !opens.get().isBefore(due.get())) {
            throw new AssignmentConfigException(file + ": \"opens_at\" must be before \"due_at\"", null);
        }
        Optional<Deadlines.LatePolicy> late = latePolicy(file, node.path("late_policy"));
        if (late.isPresent() && due.isEmpty()) {
            throw new AssignmentConfigException(file + ": \"late_policy\" needs a \"due_at\"", null);
        }
        return new Deadlines(opens, due, late);
    }

    private static Optional<Deadlines.LatePolicy> latePolicy(Path file, JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isObject()) {
            throw new AssignmentConfigException(file + ": \"late_policy\" must be an object", null);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!POLICY_KEYS.contains(key)) {
                throw new AssignmentConfigException(
                        file + ": unknown key \"late_policy." + key + "\" (known: " + POLICY_KEYS + ")", null);
            }
        }
        long grace = 0;
        if (n.hasNonNull("grace_minutes")) {
            JsonNode v = n.get("grace_minutes");
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > 525_600) {
                throw new AssignmentConfigException(
                        file
                                + ": \"late_policy.grace_minutes\" must be a whole number of minutes from 0 to 525600, got "
                                + v,
                        null);
            }
            grace = v.asLong();
        }
        JsonNode percent = n.path("penalty_percent");
        if (!percent.isNumber() || !(percent.asDouble() >= 0) || percent.asDouble() > 100) {
            throw new AssignmentConfigException(
                    file + ": \"late_policy.penalty_percent\" must be a number from 0 to 100, got " + percent, null);
        }
        String per = n.path("per").asText("day");
        if (!n.path("per").isMissingNode() && !n.path("per").isTextual()
                || !Set.of("day", "hour").contains(per)) {
            throw new AssignmentConfigException(
                    file + ": \"late_policy.per\" must be \"day\" or \"hour\", got " + n.path("per"), null);
        }
        Optional<Duration> cutoff = Optional.empty();
        if (n.hasNonNull("cutoff_after")) {
            JsonNode v = n.get("cutoff_after");
            try {
                Duration d = Duration.parse(v.asText());
                if (!v.isTextual() || d.isNegative() || d.isZero()) {
                    throw new DateTimeParseException("not positive", v.asText(), 0);
                }
                cutoff = Optional.of(d);
            } catch (DateTimeParseException e) {
                throw new AssignmentConfigException(
                        file + ": \"late_policy.cutoff_after\" must be a positive ISO-8601 duration like \"P3D\" or "
                                + "\"PT48H\", got " + v,
                        e);
            }
        }
        return Optional.of(new Deadlines.LatePolicy(
                Duration.ofMinutes(grace),
                percent.asDouble(),
                per.equals("hour") ? Duration.ofHours(1) : Duration.ofDays(1),
                cutoff));
    }

    private static Optional<Instant> instant(Path file, JsonNode node, String key) {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        try {
            if (!v.isTextual()) {
                throw new DateTimeParseException("not a string", v.toString(), 0);
            }
            return Optional.of(Instant.parse(v.asText()));
        } catch (DateTimeParseException e) {
            throw new AssignmentConfigException(
                    file + ": \"" + key + "\" must be an ISO-8601 instant like 2026-12-01T23:59:00Z, got " + v, e);
        }
    }
}
