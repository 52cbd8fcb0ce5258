package org.gofer.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fidelity suite's scores side by side, upstream's then Gofer's, one line per notebook, for
 * people routing a mismatch: {@code q1 3/3|0} is otter's 3 of 3 against Gofer's 0; for gofer-grader,
 * every counted check() and its result, then Gofer's per test and both means.
 */
public final class FidelityReport {
    private FidelityReport() {}

    /**
     * @param manifest what reference_grade.py wrote
     * @param gofer Gofer's {@code grade --json} output by "assignment/submission" (missing: not graded)
     */
    public static String sideBySide(JsonNode manifest, Map<String, JsonNode> gofer) {
        StringBuilder out = new StringBuilder(
                "# notebook: question upstream|Gofer (otter: points; gofer-grader: every check(), then Gofer per test)\n");
        for (JsonNode a : manifest.path("assignments")) {
            for (JsonNode s : a.path("submissions")) {
                String id = a.path("name").asText() + "/" + s.path("name").asText();
                Map<String, Double> got = questionScores(gofer.get(id));
                out.append(id).append(':');
                if (a.path("grader").asText().equals("otter")) {
                    otterLine(out, s.path("reference"), got);
                } else {
                    goferLine(out, s.path("reference"), got);
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Per test: name to score, in Gofer's order. */
    public static Map<String, Double> questionScores(JsonNode goferResult) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (goferResult != null) {
            goferResult
                    .path("tests")
                    .forEach(t ->
                            out.put(t.path("name").asText(), t.path("score").asDouble()));
        }
        return out;
    }

    /** The question a gofer-grader test path names: tests/q1.py is q1. */
    public static String testName(String path) {
        String file = Path.of(path).getFileName().toString();
        return file.endsWith(".py") ? file.substring(0, file.length() - 3) : file;
    }

    private static void otterLine(StringBuilder out, JsonNode ref, Map<String, Double> got) {
        ref.path("questions")
                .fields()
                .forEachRemaining(e -> out.append(' ')
                        .append(e.getKey())
                        .append(' ')
                        .append(num(e.getValue().path("score").asDouble()))
                        .append('/')
                        .append(num(e.getValue().path("max_score").asDouble()))
                        .append('|')
                        .append(orUnknown(got.get(e.getKey()))));
        out.append("  total ")
                .append(num(ref.path("score").asDouble()))
                .append('/')
                .append(num(ref.path("max_score").asDouble()))
                .append('|')
                .append(
                        got.isEmpty()
                                ? "?"
                                : num(got.values().stream()
                                        .mapToDouble(Double::doubleValue)
                                        .sum()));
    }

    private static void goferLine(StringBuilder out, JsonNode ref, Map<String, Double> got) {
        ref.path("checks")
                .forEach(c -> out.append(' ')
                        .append(testName(c.path("tests").path(0).asText()))
                        .append(' ')
                        .append(num(c.path("grade").asDouble())));
        out.append("  | Gofer");
        got.forEach((q, v) -> out.append(' ').append(q).append(' ').append(num(v)));
        out.append(String.format(
                Locale.ROOT,
                "  mean %.4f|%s",
                ref.path("fraction").asDouble(),
                got.isEmpty()
                        ? "?"
                        : String.format(
                                Locale.ROOT,
                                "%.4f",
                                got.values().stream()
                                        .mapToDouble(Double::doubleValue)
                                        .average()
                                        .orElse(0))));
    }

    private static String orUnknown(Double v) {
        return v == null ? "?" : num(v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
