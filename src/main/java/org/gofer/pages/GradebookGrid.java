package org.gofer.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.gradebook.CountedGrades;
import org.gofer.gradebook.CourseFilter;
import org.gofer.gradebook.GradingRule;
import org.gofer.gradebook.GradingRules;
import org.gofer.gradebook.QuestionColumns;
import org.gofer.gradebook.QuestionOverrides;
import org.gofer.gradebook.ScoreRow;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The instructors' gradebook as pages: students × assignments, and one assignment per question,
 * filtered, sorted and paged in SQL so that a page costs the same at 10 or 10,000 students (one
 * query for the page's students, one for their cells; never one per row). Thread-safe.
 */
final class GradebookGrid {
    static final int PAGE_SIZE = 50;

    private final Jdbi jdbi;

    GradebookGrid(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param filter part of a user name, or empty
     * @param sort "student", "total", or an assignment key (by its score); "score", "submissions",
     *     "graded" on one assignment's page
     * @param descending sort direction
     * @param page from 1
     */
    record Request(Optional<String> filter, String sort, boolean descending, int page) {
        int offset() {
            return (page - 1) * PAGE_SIZE;
        }
    }

    /** One page of the students × assignments grid. */
    record Grid(List<String> students, Map<String, Map<String, ScoreRow>> cells, long matching) {}

    /** One page of one assignment's standings, with the per-question scores of each counted grade. */
    record Standings(
            List<ScoreRow> rows, List<String> questions, Map<Long, Map<String, Double>> perQuestion, long matching) {}

    Grid grid(Request q, GradingRules rules) {
        return grid(q, rules, Optional.empty());
    }

    /** @param courses the courses whose students and grades to show (a course's staff), or empty for all */
    Grid grid(Request q, GradingRules rules, Optional<List<String>> courses) {
        String like = like(q.filter());
        String dir = q.descending() ? "DESC" : "ASC";
        String inScope = "(:like IS NULL OR username LIKE :like ESCAPE '!') AND " + CourseFilter.on("assignment");
        return jdbi.withHandle(h -> {
            long matching = CourseFilter.bind(
                            h.createQuery("SELECT count(DISTINCT username) FROM submissions WHERE " + inScope), courses)
                    .bind("like", like)
                    .mapTo(Long.class)
                    .one();
            Query students;
            if (q.sort().equals("student")) {
                students = h.createQuery("SELECT DISTINCT username FROM submissions WHERE " + inScope
                        + " ORDER BY username %s LIMIT :limit OFFSET :offset".formatted(dir));
            } else {
                String key = q.sort().equals("total")
                        ? "coalesce(sum(c.score), 0)"
                        : "max(CASE WHEN c.assignment = :sortKey THEN " + CountedGrades.FRACTION + " END)";
                students = CountedGrades.bind(
                        h.createQuery(CountedGrades.with(inScope, rules) + """
                        , students AS (SELECT DISTINCT username FROM submissions WHERE %s)
                        SELECT s.username, %s AS sort_key
                          FROM students s LEFT JOIN chosen c ON c.username = s.username
                         GROUP BY s.username
                         ORDER BY sort_key IS NULL, sort_key %s, s.username
                         LIMIT :limit OFFSET :offset""".formatted(inScope, key, dir)), rules);
                if (!q.sort().equals("total")) {
                    students.bind("sortKey", q.sort());
                }
            }
            List<String> page = CourseFilter.bind(students, courses)
                    .bind("like", like)
                    .bind("limit", PAGE_SIZE)
                    .bind("offset", q.offset())
                    .map((rs, ctx) -> rs.getString("username"))
                    .list();
            Map<String, Map<String, ScoreRow>> cells = new HashMap<>();
            if (!page.isEmpty()) {
                CourseFilter.bind(
                                CountedGrades.bind(
                                        h.createQuery(CountedGrades.with(
                                                        "username IN (<users>) AND " + CourseFilter.on("assignment"),
                                                        rules)
                                                + "SELECT * FROM chosen"),
                                        rules),
                                courses)
                        .bindList("users", page)
                        .map((rs, ctx) -> CountedGrades.row(rs))
                        .forEach(r -> cells.computeIfAbsent(r.username(), u -> new HashMap<>())
                                .put(r.assignment(), r));
            }
            return new Grid(page, cells, matching);
        });
    }

    /** @param status "graded", "failed", or empty for both */
    Standings standings(String assignment, GradingRule rule, Request q, Optional<String> status) {
        String like = like(q.filter());
        String key = switch (q.sort()) {
            case "score" -> CountedGrades.FRACTION;
            case "submissions" -> "c.n";
            case "graded" -> "c.finished_at";
            default -> "c.username";
        };
        String dir = q.descending() ? "DESC" : "ASC";
        GradingRules latest = GradingRules.single(assignment, rule);
        String cte =
                CountedGrades.with("assignment = :a AND (:like IS NULL OR username LIKE :like ESCAPE '!')", latest);
        return jdbi.withHandle(h -> {
            long matching = CountedGrades.bind(
                            h.createQuery(cte
                                    + "SELECT count(*) FROM chosen c WHERE (:status IS NULL OR c.status = :status)"),
                            latest)
                    .bind("a", assignment)
                    .bind("like", like)
                    .bind("status", status.orElse(null))
                    .mapTo(Long.class)
                    .one();
            List<ScoreRow> rows = CountedGrades.bind(h.createQuery(cte + """
                            SELECT * FROM chosen c WHERE (:status IS NULL OR c.status = :status)
                             ORDER BY %s %s, c.username LIMIT :limit OFFSET :offset""".formatted(key, dir)), latest)
                    .bind("a", assignment)
                    .bind("like", like)
                    .bind("status", status.orElse(null))
                    .bind("limit", PAGE_SIZE)
                    .bind("offset", q.offset())
                    .map((rs, ctx) -> CountedGrades.row(rs))
                    .list();
            List<String> questions = QuestionColumns.of(h, Optional.of(assignment));
            Map<Long, Map<String, Double>> perQuestion = new HashMap<>();
            if (!rows.isEmpty()) {
                h.createQuery("SELECT submission_id, name, score FROM test_scores WHERE submission_id IN (<ids>)")
                        .bindList(
                                "ids", rows.stream().map(ScoreRow::submissionId).toList())
                        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getDouble(3)})
                        .forEach(r -> perQuestion
                                .computeIfAbsent((Long) r[0], k -> new LinkedHashMap<>())
                                .put((String) r[1], (Double) r[2]));
            }
            return new Standings(rows, questions, QuestionOverrides.applied(h, rows, perQuestion), matching);
        });
    }

    /** Counted grades of an assignment as fractions in [0, 1], one per student, for the histogram. */
    List<Double> fractions(String assignment, GradingRule rule) {
        GradingRules rules = GradingRules.single(assignment, rule);
        return jdbi.withHandle(h -> CountedGrades.bind(
                        h.createQuery(CountedGrades.with("assignment = :a", rules) + "SELECT " + CountedGrades.FRACTION
                                + " FROM chosen c"),
                        rules)
                .bind("a", assignment)
                .mapTo(Double.class)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
    }

    /** A LIKE pattern matching names that contain the filter, with '!' escaping the wildcards. */
    static String like(Optional<String> filter) {
        return filter.filter(f -> !f.isBlank())
                .map(f -> "%" + f.strip().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
                .orElse(null);
    }
}
