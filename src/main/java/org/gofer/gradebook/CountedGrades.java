package org.gofer.gradebook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.submission.SubmissionStatus;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The one place that decides which grade counts for a student on an assignment, for every reader:
 * the CSV export, the pages, the JSON API and the score the LTI outbox sends. It is SQL (a common
 * table {@code chosen}, one row per student and assignment) so that pages can sort and page over
 * 10,000 students without loading them; {@link #forStudent} reads one student's and
 * {@link Gradebook#standings} everyone's.
 *
 * <p>The rule, over a student's finished gradings ({@link SubmissionStatus#isFinal()}; a failed
 * grading counts, as 0 unless it recorded points):
 * <ul>
 *   <li>{@code latest}: the submission the student made last, i.e. the highest submission id (ids
 *       are given in the order submissions arrive). Not the grading that finished last: a regrade
 *       of an older submission finishes after the newer one's grading, but the student's last
 *       word is still the newer submission.
 *   <li>{@code best}: the highest fraction of the points possible (clamped to [0, 1], 0 when no
 *       points were possible); a tie goes to the later submission.
 * </ul>
 *
 * <p>The chosen row carries the raw recorded score and the score that counts. Today they are
 * equal; rules that change a grade (an instructor's override, a late penalty) belong in the
 * {@code adjusted} step of {@link #with}, before the policy chooses, so that "best" compares
 * adjusted scores and every reader sees them. Stateless.
 */
public final class CountedGrades {
    /** The counted fraction in [0, 1] of a {@code chosen} row aliased {@code c}. */
    public static final String FRACTION = "c.fraction";

    private CountedGrades() {}

    /**
     * {@code WITH ..., chosen AS (...)} over the submissions that match {@code filter} (SQL over
     * the submissions table's columns); then bind with {@link #bind}. {@code chosen} has the
     * columns {@code id} (the counted submission), {@code username}, {@code assignment},
     * {@code raw_score}, {@code score}, {@code max_score}, {@code fraction}, {@code status},
     * {@code finished_at} and {@code n} (the student's finished gradings of the assignment).
     */
    public static String with(String filter) {
        return """
                WITH finished AS (
                  SELECT id, username, assignment, coalesce(score, 0.0) AS raw_score,
                         coalesce(max_score, 0.0) AS max_score, status, finished_at
                    FROM submissions
                   WHERE status IN (<counted_statuses>) AND (%s)),
                adjusted AS (
                  -- instructor overrides and late penalties apply here, before the policy chooses
                  SELECT finished.*, raw_score AS score FROM finished),
                scored AS (
                  SELECT adjusted.*,
                         CASE WHEN max_score > 0 THEN max(0.0, min(1.0, score / max_score)) ELSE 0.0 END AS fraction
                    FROM adjusted),
                ranked AS (
                  SELECT scored.*,
                         count(*) OVER (PARTITION BY username, assignment) AS n,
                         row_number() OVER (PARTITION BY username, assignment ORDER BY
                             CASE WHEN assignment IN (<counted_latest>) THEN 0.0 ELSE fraction END DESC,
                             id DESC) AS pick
                    FROM scored),
                chosen AS (
                  SELECT id, username, assignment, raw_score, score, max_score, fraction, status, finished_at, n
                    FROM ranked WHERE pick = 1)
                """.formatted(filter);
    }

    /**
     * Binds what {@link #with} needs.
     *
     * @param latestPolicy the assignments whose policy is "latest" (all others keep the best)
     */
    public static <S extends SqlStatement<S>> S bind(S statement, Collection<String> latestPolicy) {
        List<String> latest = new ArrayList<>(latestPolicy);
        latest.add(""); // SQL's IN needs an element; no assignment key is empty
        return statement
                .bindList("counted_statuses", SubmissionStatus.finalWireNames())
                .bindList("counted_latest", latest);
    }

    /** Maps a {@code chosen} row selected without a table prefix. */
    public static ScoreRow row(ResultSet rs) throws SQLException {
        return new ScoreRow(
                rs.getString("username"),
                rs.getString("assignment"),
                rs.getLong("id"),
                rs.getDouble("raw_score"),
                rs.getDouble("score"),
                rs.getDouble("max_score"),
                rs.getDouble("fraction"),
                rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("finished_at")),
                rs.getInt("n"));
    }

    /** The counted grade of one student on one assignment, read in the caller's transaction. */
    public static Optional<ScoreRow> forStudent(
            Handle handle, String username, String assignment, Assignment.Policy policy) {
        return bind(
                        handle.createQuery(
                                with("username = :username AND assignment = :assignment") + "SELECT * FROM chosen"),
                        policy == Assignment.Policy.LATEST ? List.of(assignment) : List.of())
                .bind("username", username)
                .bind("assignment", assignment)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }
}
