package org.gofer.assignment.otter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides, option by option, what an otter_config.json (otter-grader 7's autograder options)
 * means for Gofer: honoured (written into assignment.json), ignored because it concerns only
 * Gradescope, PDFs or otter's own console and container, or refused because it would change
 * scores in a way Gofer does not implement. An option at otter's default is never refused.
 * docs/otter-import.md has the same table for people. Stateless.
 */
public final class OtterOptions {
    /** Otter's options Gofer does not need: they change no score. Value: why. */
    private static final Map<String, String> IGNORED = Map.ofEntries(
            Map.entry("show_stdout", "Gradescope visibility of the autograder's output"),
            Map.entry(
                    "show_hidden",
                    "Gradescope visibility of hidden results (Gofer shows students hidden tests as a count)"),
            Map.entry("show_all_public", "Gradescope visibility"),
            Map.entry("force_public_test_summary", "Gradescope visibility"),
            Map.entry("pdf", "PDF export"),
            Map.entry("token", "Gradescope PDF upload"),
            Map.entry("course_id", "Gradescope PDF upload"),
            Map.entry("assignment_id", "Gradescope PDF upload"),
            Map.entry("filtering", "PDF export"),
            Map.entry("pagebreaks", "PDF export"),
            Map.entry("warn_missing_pdf", "PDF export (a 0-point Gradescope test)"),
            Map.entry("submit_blank_pdf_on_export_failure", "Gradescope PDF upload"),
            Map.entry("use_submission_pdf", "PDF export"),
            Map.entry("pdf_via_html", "PDF export"),
            Map.entry("debug", "otter's debug mode for instructors (Gofer always keeps going past a failing cell)"),
            Map.entry("autograder_dir", "otter's container layout"),
            Map.entry("miniconda_path", "otter's container layout"),
            Map.entry("logo", "otter's console output"),
            Map.entry("print_summary", "otter's console output"),
            Map.entry("print_score", "otter's console output"),
            Map.entry("log_level", "otter's console output"),
            Map.entry("zips", "zip submissions (Gofer takes notebooks)"));

    /** Options that change scores; refused unless they hold otter's default. Value: why. */
    private static final Map<String, String> REFUSED = Map.of(
            "points_possible", "rescales the total to a custom number of points",
            "score_threshold", "turns the score into pass/fail",
            "grade_from_log", "grades from the student's serialized log instead of running the notebook",
            "serialized_variables", "checks the types of variables deserialized from the log",
            "plugins", "runs otter plugins that can change or add scores",
            "lang", "grades a language other than Python");

    /** What the options come to. */
    public record Decision(String option, Kind kind, String note) {}

    /** Honoured, ignored or refused. */
    public enum Kind {
        HONOURED,
        IGNORED,
        REFUSED
    }

    private OtterOptions() {}

    /**
     * Classifies every option and writes the honoured ones into {@code assignment}. An option
     * Gofer does not know (a newer otter's) is refused: it might change scores.
     */
    public static List<Decision> apply(JsonNode config, ObjectNode assignment) {
        List<Decision> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            out.add(decide(option.getKey(), option.getValue(), assignment));
        }
        if (assignment.has("seed_variable") && !assignment.has("seed")) {
            // otter seeds nothing without a seed, whatever seed_variable says
            assignment.remove("seed_variable");
            out.replaceAll(d -> d.option().equals("seed_variable")
                    ? new Decision(d.option(), Kind.IGNORED, "otter uses it only with a seed, and there is none")
                    : d);
        }
        return out;
    }

    private static Decision decide(String name, JsonNode value, ObjectNode assignment) {
        switch (name) {
            case "seed":
                if (value.isNull()) {
                    return new Decision(name, Kind.HONOURED, "no seed");
                }
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    return new Decision(name, Kind.REFUSED, "must be a whole number, got " + value);
                }
                assignment.put("seed", value.asLong());
                return new Decision(
                        name,
                        Kind.HONOURED,
                        "\"seed\": " + value.asLong()
                                + " (random and numpy.random are seeded before every cell, as otter does)");
            case "seed_variable":
                if (value.isNull()) {
                    return new Decision(name, Kind.HONOURED, "none");
                }
                if (!value.isTextual() || !value.asText().matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                    return new Decision(name, Kind.REFUSED, "must be a Python variable name, got " + value);
                }
                assignment.put("seed_variable", value.asText());
                return new Decision(
                        name,
                        Kind.HONOURED,
                        "\"seed_variable\": \"" + value.asText()
                                + "\" (the variable is set to the seed before every cell instead of seeding)");
            case "assignment_name":
                if (value.isTextual() && !value.asText().isBlank()) {
                    assignment.put("title", value.asText());
                    return new Decision(
                            name,
                            Kind.HONOURED,
                            "the assignment's title is \"" + value.asText()
                                    + "\" (Gofer routes a notebook by its assignment key, so a notebook of another "
                                    + "assignment never reaches these tests)");
                }
                return new Decision(name, Kind.HONOURED, "none");
            default:
                break;
        }
        if (IGNORED.containsKey(name)) {
            return new Decision(name, Kind.IGNORED, IGNORED.get(name));
        }
        if (name.equals("lang") && atDefault(name, value)) {
            return new Decision(name, Kind.HONOURED, "python");
        }
        if (REFUSED.containsKey(name)) {
            return atDefault(name, value)
                    ? new Decision(name, Kind.IGNORED, "otter's default, which changes nothing")
                    : new Decision(
                            name,
                            Kind.REFUSED,
                            REFUSED.get(name) + "; Gofer does not implement it (got " + abbreviate(value) + ")");
        }
        return new Decision(name, Kind.REFUSED, "not an otter-grader 7 option Gofer knows; it might change scores");
    }

    private static boolean atDefault(String name, JsonNode value) {
        return switch (name) {
            case "lang" -> value.isTextual() && value.asText().equals("python");
            case "grade_from_log" -> value.isBoolean() && !value.asBoolean();
            case "plugins" -> value.isArray() && value.isEmpty();
            case "serialized_variables" -> value.isNull() || (value.isObject() && value.isEmpty());
            default -> value.isNull();
        };
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
