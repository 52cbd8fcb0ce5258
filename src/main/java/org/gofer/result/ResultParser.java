package org.gofer.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gofer.Json;

/**
 * Turns the harness's results JSON (contract: images/grader/harness/README.md) into a
 * {@link GradingReport}, checking shape and ranges: the JSON came out of a container that ran a
 * student's code, so nothing in it is taken on trust beyond what the HMAC proved. Suspicious
 * findings zero the score. Stateless and thread-safe.
 */
public final class ResultParser {
    static final int MAX_TESTS = 1000;
    static final int MAX_TEXT = 4096;
    static final int MAX_ERRORS = 200;
    private static final double EPSILON = 1e-6;
    private final ObjectMapper json = Json.mapper();

    public GradingReport parse(String resultJson) {
        JsonNode root;
        try {
            root = json.readTree(resultJson);
        } catch (JsonProcessingException e) {
            throw new MalformedResultException("results are not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResultException("results are not a JSON object");
        }
        String status = text(root, "status");
        if (!status.equals(GradingReport.GRADED) && !status.equals(GradingReport.FAILED)) {
            throw new MalformedResultException("unknown status '" + cap(status) + "'");
        }
        List<TestResult> tests = tests(root.path("tests"));
        double score = number(root, "score");
        double max = number(root, "max_score");
        checkTotals(tests, score, max);
        List<String> suspicious = strings(root.path("suspicious"));
        List<String> limits = strings(root.path("limits_hit"));
        Optional<String> reason =
                root.hasNonNull("reason") ? Optional.of(cap(root.get("reason").asText())) : Optional.empty();
        if (!suspicious.isEmpty()) {
            tests = tests.stream()
                    .map(t -> new TestResult(t.name(), 0, t.maxScore(), t.hidden(), false, t.message()))
                    .toList();
            score = 0;
            reason = Optional.of("score set to 0: " + String.join("; ", suspicious));
        }
        return new GradingReport(
                status,
                score,
                max,
                root.path("scoring").asText(""),
                tests,
                errors(root.path("errors")),
                suspicious,
                reason,
                limits);
    }

    private static void checkTotals(List<TestResult> tests, double score, double max) {
        if (score < -EPSILON || score > max + EPSILON) {
            throw new MalformedResultException("score " + score + " is outside 0.." + max);
        }
        double sum = tests.stream().mapToDouble(TestResult::score).sum();
        double sumMax = tests.stream().mapToDouble(TestResult::maxScore).sum();
        if (!tests.isEmpty()
                && (Math.abs(sum - score) > EPSILON * Math.max(1, max)
                        || Math.abs(sumMax - max) > EPSILON * Math.max(1, max))) {
            throw new MalformedResultException("per-test scores (" + sum + "/" + sumMax
                    + ") do not add up to the total (" + score + "/" + max + ")");
        }
    }

    private List<TestResult> tests(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_TESTS) {
            throw new MalformedResultException("\"tests\" must be an array of at most " + MAX_TESTS);
        }
        List<TestResult> out = new ArrayList<>();
        for (JsonNode t : node) {
            double s = number(t, "score");
            double m = number(t, "max_score");
            if (s < -EPSILON || s > m + EPSILON) {
                throw new MalformedResultException(
                        "test " + cap(t.path("name").asText()) + ": score " + s + " outside 0.." + m);
            }
            out.add(new TestResult(
                    cap(text(t, "name")),
                    s,
                    m,
                    t.path("hidden").asBoolean(false),
                    t.path("passed").asBoolean(false),
                    cap(t.path("message").asText(""))));
        }
        return List.copyOf(out);
    }

    private static List<CellError> errors(JsonNode node) {
        List<CellError> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode e : node) {
                if (out.size() >= MAX_ERRORS) {
                    break;
                }
                out.add(new CellError(
                        e.path("cell").asInt(-1),
                        cap(e.path("ename").asText("")),
                        cap(e.path("evalue").asText(""))));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode e : node) {
                if (out.size() >= MAX_ERRORS) {
                    break;
                }
                out.add(cap(e.asText()));
            }
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new MalformedResultException("\"" + field + "\" must be a string");
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new MalformedResultException("\"" + field + "\" must be a finite number");
        }
        return v.asDouble();
    }

    private static String cap(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s;
    }
}
