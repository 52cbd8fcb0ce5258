package org.gofer.gradebook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.submission.SubmissionStatus;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The one place that decides which grade counts for a student on an assignment, and what it is
 * worth, for every reader: the CSV export, the pages, the JSON API and the score the LTI outbox
 * sends. It is SQL (a common table {@code chosen}, one row per student and assignment) so that
 * pages can sort and page over 10,000 students without loading them; {@link #forStudent} reads one
 * student's and {@link Gradebook#standings} everyone's.
 *
 * <p>Each finished grading ({@link SubmissionStatus#isFinal()}; a failed grading counts, as 0
 * unless it recorded points) goes through these steps, all computed at read time so that an
 * extension or an override granted later changes grades already recorded:
 * <ol>
 *   <li>{@code questioned}: an instructor's per-question override replaces that question's recorded
 *       points ({@code base_score});
 *   <li>{@code timed}: lateness = {@code submitted_at} minus the due date (the student's extension,
 *       else the assignment's, from the {@code rules} table that {@link #bind} fills from
 *       {@link GradingRules});
 *   <li>{@code adjusted}: past the grace, every started day or hour costs the policy's percent of
 *       the points possible, at most 100 % ({@code penalty}); {@code score = max(0, base - penalty)};
 *   <li>the policy chooses: {@code latest} is the submission the student made last (the highest id,
 *       not the grading that finished last: a regrade of an older submission finishes after the
 *       newer one's, but the student's last word is still the newer submission); {@code best} is
 *       the highest fraction of the points possible after penalties (a tie goes to the later one);
 *   <li>{@code chosen}: an instructor's whole-score override is the final score, whatever
 *       lateness says.
 * </ol>
 * Stateless.
 */
public final class CountedGrades {
    /** The counted fraction in [0, 1] of a {@code chosen} row aliased {@code c}. */
    public static final String FRACTION = "c.fraction";

    /** A per-question override's question; this one means the whole score. */
    public static final String WHOLE_SCORE = "";

    private CountedGrades() {}

    /**
     * {@code WITH ..., chosen AS (...)} over the submissions that match {@code filter} (SQL over
     * the submissions table's columns); then bind with {@link #bind} and the same rules.
     * {@code chosen} has the columns {@code id} (the counted submission), {@code username},
     * {@code assignment}, {@code raw_score} (as graded), {@code penalty}, {@code late_ms},
     * {@code score} (the final score), {@code max_score}, {@code fraction}, {@code status},
     * {@code finished_at}, {@code n} (the student's finished gradings of the assignment) and
     * {@code overridden} (1 when an instructor's override changed it). The per-submission table
     * {@code scored} has the same columns apart from {@code n} and the whole-score override.
     */
    public static String with(String filter, GradingRules rules) {
        StringBuilder values = new StringBuilder();
        int rows = rules.asMap().size();
        for (int i = 0; i < rows; i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("(:r%1$da, :r%1$dl, :r%1$dd, :r%1$dg, :r%1$du, :r%1$dp)".formatted(i));
        }
        if (rows == 0) {
            values.append("(NULL, 0, NULL, 0, 1, 0.0)"); // matches no assignment
        }
        return """
                WITH rules(assignment, latest, due_at, grace_ms, unit_ms, percent) AS (VALUES %s),
                finished AS (
                  SELECT id, username, assignment, submitted_at, coalesce(score, 0.0) AS raw_score,
                         coalesce(max_score, 0.0) AS max_score, status, finished_at
                    FROM submissions
                   WHERE status IN (<counted_statuses>) AND (%s)),
                questioned AS (
                  SELECT f.*, f.raw_score + coalesce(q.delta, 0.0) AS base_score, q.delta IS NOT NULL AS question_override
                    FROM finished f LEFT JOIN (
                         SELECT t.submission_id, sum(o.points - t.score) AS delta
                           FROM score_overrides o
                           JOIN finished f2 ON f2.username = o.username AND f2.assignment = o.assignment
                           JOIN test_scores t ON t.submission_id = f2.id AND t.name = o.question
                          WHERE o.question <> ''
                          GROUP BY t.submission_id) q ON q.submission_id = f.id),
                timed AS (
                  SELECT q.*, coalesce(r.latest, 0) AS latest, coalesce(r.grace_ms, 0) AS grace_ms,
                         coalesce(r.unit_ms, 1) AS unit_ms, coalesce(r.percent, 0.0) AS percent,
                         CASE WHEN coalesce(e.due_at, r.due_at) IS NULL THEN 0
                              ELSE max(0, q.submitted_at - coalesce(e.due_at, r.due_at)) END AS late_ms
                    FROM questioned q
                    LEFT JOIN rules r ON r.assignment = q.assignment
                    LEFT JOIN extensions e ON e.username = q.username AND e.assignment = q.assignment),
                adjusted AS (
                  SELECT timed.*,
                         CASE WHEN late_ms > grace_ms AND percent > 0
                              THEN min(100.0, percent * ((late_ms + unit_ms - 1) / unit_ms)) * max_score / 100.0
                              ELSE 0.0 END AS penalty
                    FROM timed),
                scored AS (
                  SELECT adjusted.*, max(0.0, base_score - penalty) AS score,
                         CASE WHEN max_score > 0 THEN max(0.0, min(1.0, (base_score - penalty) / max_score))
                              ELSE 0.0 END AS fraction
                    FROM adjusted),
                ranked AS (
                  SELECT scored.*,
                         count(*) OVER (PARTITION BY username, assignment) AS n,
                         row_number() OVER (PARTITION BY username, assignment ORDER BY
                             CASE WHEN latest = 1 THEN 0.0 ELSE fraction END DESC,
                             id DESC) AS pick
                    FROM scored),
                chosen AS (
                  SELECT r.id, r.username, r.assignment, r.raw_score, r.penalty, r.late_ms,
                         coalesce(o.points, r.score) AS score, r.max_score,
                         CASE WHEN o.points IS NULL THEN r.fraction
                              WHEN r.max_score > 0 THEN max(0.0, min(1.0, o.points / r.max_score))
                              ELSE 0.0 END AS fraction,
                         r.status, r.finished_at, r.n,
                         (o.points IS NOT NULL OR r.question_override) AS overridden
                    FROM ranked r
                    LEFT JOIN score_overrides o
                      ON o.username = r.username AND o.assignment = r.assignment AND o.question = ''
                   WHERE r.pick = 1)
                """.formatted(values, filter);
    }

    /** Binds what {@link #with} needs; {@code rules} must be the same as there. */
    public static <S extends SqlStatement<S>> S bind(S statement, GradingRules rules) {
        statement.bindList("counted_statuses", SubmissionStatus.finalWireNames());
        int i = 0;
        for (Map.Entry<String, GradingRule> e : rules.asMap().entrySet()) {
            GradingRule r = e.getValue();
            statement
                    .bind("r" + i + "a", e.getKey())
                    .bind("r" + i + "l", r.policy() == org.gofer.assignment.Assignment.Policy.LATEST ? 1 : 0)
                    .bind("r" + i + "d", r.dueAt().map(Instant::toEpochMilli).orElse(null))
                    .bind("r" + i + "g", r.graceMillis())
                    .bind("r" + i + "u", r.unitMillis())
                    .bind("r" + i + "p", r.percent());
            i++;
        }
        return statement;
    }

    /** Maps a {@code chosen} row selected without a table prefix. */
    public static ScoreRow row(ResultSet rs) throws SQLException {
        return new ScoreRow(
                rs.getString("username"),
                rs.getString("assignment"),
                rs.getLong("id"),
                rs.getDouble("raw_score"),
                rs.getDouble("penalty"),
                rs.getLong("late_ms"),
                rs.getInt("overridden") != 0,
                rs.getDouble("score"),
                rs.getDouble("max_score"),
                rs.getDouble("fraction"),
                rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("finished_at")),
                rs.getInt("n"));
    }

    /** The counted grade of one student on one assignment, read in the caller's transaction. */
    public static Optional<ScoreRow> forStudent(Handle handle, String username, String assignment, GradingRule rule) {
        return bind(
                        handle.createQuery(with(
                                        "username = :username AND assignment = :assignment",
                                        GradingRules.single(assignment, rule))
                                + "SELECT * FROM chosen"),
                        GradingRules.single(assignment, rule))
                .bind("username", username)
                .bind("assignment", assignment)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    /**
     * Every finished grading of one student on one assignment with its lateness and penalty (before
     * a whole-score override, which belongs to the assignment, not to a submission), newest first.
     */
    public static List<AdjustedGrade> submissions(Handle handle, String username, String assignment, GradingRule rule) {
        GradingRules rules = GradingRules.single(assignment, rule);
        return bind(
                        handle.createQuery(with("username = :username AND assignment = :assignment", rules)
                                + "SELECT * FROM scored ORDER BY id DESC"),
                        rules)
                .bind("username", username)
                .bind("assignment", assignment)
                .map((rs, ctx) -> new AdjustedGrade(
                        rs.getLong("id"),
                        rs.getDouble("raw_score"),
                        rs.getDouble("base_score"),
                        rs.getDouble("penalty"),
                        rs.getLong("late_ms"),
                        rs.getDouble("score"),
                        rs.getDouble("max_score")))
                .list();
    }
}
