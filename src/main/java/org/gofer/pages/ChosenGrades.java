package org.gofer.pages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.gofer.gradebook.ScoreRow;

/**
 * The score policy in SQL, so that pages can sort and page over the gradebook without loading it:
 * a common table {@code chosen} with one row per student and assignment, the best grade (ties to
 * the later submission) or, for assignments whose policy is "latest", the latest one: the same
 * choice {@code Gradebook.standings} makes (a test holds them equal). Stateless.
 */
final class ChosenGrades {
    /** Score over possible points in [0, 1] of a {@code chosen} row aliased {@code c}. */
    static final String FRACTION = "(CASE WHEN c.max_score > 0 THEN max(0.0, min(1.0, c.score / c.max_score)) "
            + "ELSE 0.0 END)";

    private ChosenGrades() {}

    /**
     * {@code WITH chosen AS (...)} over the submissions that match {@code filter} (SQL over the
     * submissions table's columns); bind the list {@code latest} with {@link #latestBinding}.
     */
    static String with(String filter) {
        return """
                WITH chosen AS (
                  SELECT id, username, assignment, score, max_score, status, finished_at, n FROM (
                    SELECT id, username, assignment, score, max_score, status, finished_at,
                           count(*) OVER (PARTITION BY username, assignment) AS n,
                           row_number() OVER (PARTITION BY username, assignment ORDER BY
                               CASE WHEN assignment IN (<latest>) THEN 0.0
                                    WHEN max_score > 0 THEN max(0.0, min(1.0, score / max_score))
                                    ELSE 0.0 END DESC,
                               id DESC) AS pick
                      FROM submissions
                     WHERE status IN ('graded', 'failed') AND (%s))
                   WHERE pick = 1)
                """.formatted(filter);
    }

    /** The assignments whose policy is "latest", never empty (SQL's IN needs an element). */
    static List<String> latestBinding(Collection<String> latest) {
        List<String> out = new ArrayList<>(latest);
        out.add("");
        return out;
    }

    /** Maps the columns of a {@code chosen} row (aliased without a prefix). */
    static ScoreRow row(ResultSet rs) throws SQLException {
        return new ScoreRow(rs.getString("username"), rs.getString("assignment"), rs.getLong("id"),
                rs.getDouble("score"), rs.getDouble("max_score"), rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("finished_at")), rs.getInt("n"));
    }
}
