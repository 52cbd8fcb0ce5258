package org.gofer.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gofer.assignment.AssignmentKey;
import org.gofer.environment.BuildRecord;
import org.gofer.environment.EnvironmentSpec;
import org.gofer.environment.EnvironmentStatus;

/**
 * The JSON of an assignment's grading environment (snake_case through
 * {@link org.gofer.Json#snakeCase()}): what it is built from, how its last build went (times as
 * ISO-8601 strings), the end of the build log. Absent parts are null, not left out.
 */
record EnvironmentView(
        String assignment,
        String status,
        String image,
        String hash,
        Spec spec,
        String started,
        String finished,
        String error,
        String logTail,
        Links links) {

    /** What the environment is built from; the requirements file's text as it is. */
    record Spec(String base, List<String> apt, String requirements, String requirementsText) {
        static Spec of(EnvironmentSpec spec) {
            return new Spec(
                    spec.base(),
                    spec.apt(),
                    spec.requirementsPath().orElse(null),
                    spec.hasRequirements() ? new String(spec.requirements(), StandardCharsets.UTF_8) : null);
        }
    }

    /** This view and the whole build log. */
    record Links(String self, String log) {}

    static EnvironmentView of(AssignmentKey key, EnvironmentStatus s, String prefix) {
        String base =
                prefix + "api/assignments/" + key.course() + "/" + key.section() + "/" + key.name() + "/environment";
        return new EnvironmentView(
                key.toString(),
                s.status().wireName(),
                s.image(),
                s.record().map(BuildRecord::hash).orElse(null),
                s.spec().map(Spec::of).orElse(null),
                s.record().flatMap(BuildRecord::started).map(Object::toString).orElse(null),
                s.record().flatMap(BuildRecord::finished).map(Object::toString).orElse(null),
                s.record().flatMap(BuildRecord::error).or(s::problem).orElse(null),
                s.logTail(),
                new Links(base, base + "/log"));
    }
}
