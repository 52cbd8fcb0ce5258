package org.gofer.pages;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gofer.gradebook.CountedGrades;
import org.gofer.gradebook.GradingRules;
import org.gofer.gradebook.ScoreRow;
import org.gofer.submission.SubmissionStatus;
import org.jdbi.v3.core.Jdbi;

/**
 * One student's standing, read for their pages: per assignment the latest submission and the
 * grade the policy counts, and per submission the points of its visible tests. Every query is
 * bounded by the student's rows (index {@code submissions_student}). Thread-safe.
 */
final class StudentRecords {
    private final Jdbi jdbi;

    StudentRecords(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The latest submission of one assignment, and how many there are. */
    record Latest(String assignment, long id, SubmissionStatus status, Instant submittedAt, int submissions) {}

    /** Points on the tests a student may see before hidden results are released. */
    record Visible(double score, double maxScore, int hiddenTests) {}

    Map<String, Latest> latest(String username) {
        Map<String, Latest> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT assignment, id, status, submitted_at, n FROM (
                          SELECT assignment, id, status, submitted_at,
                                 count(*) OVER (PARTITION BY assignment) AS n,
                                 row_number() OVER (PARTITION BY assignment ORDER BY id DESC) AS newest
                            FROM submissions WHERE username = :user)
                         WHERE newest = 1""")
                .bind("user", username)
                .map((rs, ctx) -> new Latest(
                        rs.getString("assignment"),
                        rs.getLong("id"),
                        SubmissionStatus.fromWire(rs.getString("status")),
                        Instant.ofEpochMilli(rs.getLong("submitted_at")),
                        rs.getInt("n")))
                .forEach(l -> out.put(l.assignment(), l)));
        return out;
    }

    /** The counted grade per assignment under the assignments' {@code rules}. */
    Map<String, ScoreRow> chosen(String username, GradingRules rules) {
        Map<String, ScoreRow> out = new HashMap<>();
        jdbi.useHandle(h -> CountedGrades.bind(
                        h.createQuery(CountedGrades.with("username = :user", rules) + "SELECT * FROM chosen"), rules)
                .bind("user", username)
                .map((rs, ctx) -> CountedGrades.row(rs))
                .forEach(r -> out.put(r.assignment(), r)));
        return out;
    }

    /** Visible points and hidden-test count per submission (absent: no per-test scores recorded). */
    Map<Long, Visible> visible(Collection<Long> submissionIds) {
        Map<Long, Visible> out = new HashMap<>();
        if (submissionIds.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT submission_id,
                               coalesce(sum(CASE WHEN hidden = 0 THEN score END), 0) AS score,
                               coalesce(sum(CASE WHEN hidden = 0 THEN max_score END), 0) AS max_score,
                               sum(hidden) AS hidden
                          FROM test_scores WHERE submission_id IN (<ids>)
                         GROUP BY submission_id""")
                .bindList("ids", List.copyOf(submissionIds))
                .map((rs, ctx) -> Map.entry(
                        rs.getLong("submission_id"),
                        new Visible(rs.getDouble("score"), rs.getDouble("max_score"), rs.getInt("hidden"))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }
}
