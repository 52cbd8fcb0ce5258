package org.gofer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.Locale;
import org.gofer.Json;
import org.gofer.result.CellError;
import org.gofer.result.GradingReport;
import org.gofer.result.TestResult;

/** Prints a grading report for people (per question) or as the JSON scripts rely on. */
final class ReportPrinter {
    private static final ObjectMapper JSON = Json.snakeCase();

    private ReportPrinter() {}

    static void json(GradingReport r, PrintStream out) throws java.io.IOException {
        var root = JSON.createObjectNode();
        root.put("status", r.status());
        root.put("score", r.score());
        root.put("max_score", r.maxScore());
        root.put("scoring", r.scoring());
        var tests = root.putArray("tests");
        for (TestResult t : r.tests()) {
            tests.add(JSON.valueToTree(t));
        }
        var errors = root.putArray("errors");
        for (CellError e : r.errors()) {
            errors.add(JSON.valueToTree(e));
        }
        root.set("suspicious", JSON.valueToTree(r.suspicious()));
        root.put("reason", r.reason().orElse(null));
        root.set("limits_hit", JSON.valueToTree(r.limitsHit()));
        out.println(JSON.writeValueAsString(root));
    }

    static void human(String notebook, String assignment, GradingReport r, PrintStream out) {
        out.printf("%s (%s)%n", notebook, assignment);
        int width = r.tests().stream().mapToInt(t -> t.name().length()).max().orElse(4);
        for (TestResult t : r.tests()) {
            out.printf(
                    "  %-" + width + "s  %s  %s / %s%s%n",
                    t.name(),
                    t.passed() ? "passed" : "FAILED",
                    num(t.score()),
                    num(t.maxScore()),
                    t.hidden() ? "  (hidden cases)" : "");
            if (!t.passed() && t.message() != null && !t.message().isBlank()) {
                for (String line : t.message().strip().split("\n", 12)) {
                    out.println("      " + line);
                }
            }
        }
        for (CellError e : r.errors()) {
            out.printf("  cell %d raised %s: %s%n", e.cell(), e.ename(), e.evalue());
        }
        r.suspicious().forEach(s -> out.println("  SUSPICIOUS: " + s));
        r.reason().ifPresent(s -> out.println("  " + s));
        out.printf(
                Locale.ROOT,
                "%s: %s / %s (%.1f%%)%n",
                r.status(),
                num(r.score()),
                num(r.maxScore()),
                100 * r.fraction());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
