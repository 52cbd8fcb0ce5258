package org.gofer.gradebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.submission.SubmissionStatus;
import org.jdbi.v3.core.Jdbi;

/**
 * The gradebook as CSV: one row per student and assignment, the grade that counts
 * ({@link CountedGrades}), then one column per question. Cells a spreadsheet would run as a formula are
 * neutralised with a leading apostrophe. Thread-safe.
 */
public final class CsvExporter {
    private static final List<String> FIXED = List.of(
            "student",
            "assignment",
            "score",
            "max_score",
            "percent",
            "policy",
            "submissions",
            "submission_id",
            "status",
            "graded_at",
            "raw_score",
            "late_penalty",
            "late_minutes",
            "overridden");
    private final Jdbi jdbi;
    private final Function<String, GradingRule> ruleOf;

    public CsvExporter(Jdbi jdbi, AssignmentCatalog catalog) {
        this(jdbi, a -> GradingRule.lookUp(catalog, a));
    }

    CsvExporter(Jdbi jdbi, Function<String, GradingRule> ruleOf) {
        this.jdbi = jdbi;
        this.ruleOf = ruleOf;
    }

    /** The counted grades ({@link CountedGrades}), ordered by assignment and student. */
    public List<ScoreRow> rows(Optional<String> assignment) {
        return rows(assignment, Optional.empty(), new HashMap<>());
    }

    /** {@code rules} caches the rule per assignment: looking one up reads the assignment's directory. */
    private List<ScoreRow> rows(
            Optional<String> assignment,
            Optional<? extends Collection<String>> courses,
            Map<String, GradingRule> rules) {
        return jdbi.withHandle(h -> {
            List<String> assignments = CourseFilter.bind(h.createQuery("""
                            SELECT DISTINCT assignment FROM submissions
                             WHERE (:assignment IS NULL OR assignment = :assignment) AND """ + CourseFilter.on("assignment")), courses)
                    .bind("assignment", assignment.orElse(null))
                    .mapTo(String.class)
                    .list();
            assignments.forEach(a -> rules.computeIfAbsent(a, ruleOf));
            GradingRules bound = GradingRules.of(rules);
            String counted = CountedGrades.with(
                            "(:assignment IS NULL OR assignment = :assignment) AND " + CourseFilter.on("assignment"),
                            bound)
                    + "SELECT * FROM chosen ORDER BY assignment, username";
            return CourseFilter.bind(CountedGrades.bind(h.createQuery(counted), bound), courses)
                    .bind("assignment", assignment.orElse(null))
                    .map((rs, ctx) -> CountedGrades.row(rs))
                    .list();
        });
    }

    /** Writes the CSV for one assignment or, when empty, for all. */
    public void export(Writer out, Optional<String> assignment) {
        export(out, assignment, Optional.empty());
    }

    /** Writes the CSV for one assignment or all, within some courses only (all when empty). */
    public void export(Writer out, Optional<String> assignment, Optional<? extends Collection<String>> courses) {
        Map<String, GradingRule> rules = new HashMap<>();
        List<ScoreRow> rows = rows(assignment, courses, rules);
        Map<Long, Map<String, Double>> graded = new HashMap<>();
        Map<Long, Map<String, Double>> questions = new HashMap<>();
        List<String> questionNames = jdbi.withHandle(h -> {
            CourseFilter.bind(h.createQuery("""
                            SELECT t.submission_id, t.name, t.score
                              FROM test_scores t JOIN submissions s ON s.id = t.submission_id
                             WHERE s.status IN (<finished>)
                               AND (:assignment IS NULL OR s.assignment = :assignment) AND """ + CourseFilter.on("s.assignment")), courses)
                    .bindList("finished", SubmissionStatus.finalWireNames())
                    .bind("assignment", assignment.orElse(null))
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getDouble(3)})
                    .forEach(r -> graded.computeIfAbsent((Long) r[0], k -> new HashMap<>())
                            .put((String) r[1], (Double) r[2]));
            questions.putAll(QuestionOverrides.applied(h, rows, graded));
            return QuestionColumns.of(h, assignment, courses);
        });
        try {
            List<String> header = new ArrayList<>(FIXED);
            header.addAll(questionNames);
            writeLine(out, header);
            for (ScoreRow r : rows) {
                List<String> cells = new ArrayList<>(List.of(
                        r.username(),
                        r.assignment(),
                        number(r.score()),
                        number(r.maxScore()),
                        number(100 * r.fraction()),
                        rules.computeIfAbsent(r.assignment(), ruleOf)
                                .policy()
                                .name()
                                .toLowerCase(Locale.ROOT),
                        Integer.toString(r.submissions()),
                        Long.toString(r.submissionId()),
                        r.status(),
                        r.gradedAt().toString(),
                        number(r.rawScore()),
                        number(r.penalty()),
                        Long.toString(r.lateMillis() / 60_000),
                        r.overridden() ? "yes" : "no"));
                Map<String, Double> q = questions.getOrDefault(r.submissionId(), Map.of());
                for (String name : questionNames) {
                    Double v = q.get(name);
                    cells.add(v == null ? "" : number(v));
                }
                writeLine(out, cells);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gradebook CSV", e);
        }
    }

    static String number(double v) {
        String s = java.math.BigDecimal.valueOf(v)
                .setScale(4, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static void writeLine(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(escape(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** RFC 4180 quoting, after neutralising formula triggers (= + - @ tab CR) with an apostrophe. */
    static String escape(String cell) {
        String v = cell == null ? "" : cell;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isPlainNumber(v)) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static boolean isPlainNumber(String v) {
        return v.matches("-?\\d+(\\.\\d+)?");
    }
}
