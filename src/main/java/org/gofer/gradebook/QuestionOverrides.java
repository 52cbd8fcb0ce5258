package org.gofer.gradebook;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Per-question overrides in per-question columns. An override's points stand in for that question's
 * graded score in the student's counted grade, exactly as {@link CountedGrades} counts them into the
 * total: only where the grading has a score for that question. So the CSV's and the standings'
 * question columns show the points that count, while their raw score stays the grader's.
 */
public final class QuestionOverrides {
    private QuestionOverrides() {}

    /**
     * @param rows counted grades
     * @param graded each submission's graded score per question
     * @return {@code graded} with the overridden questions of the rows' submissions replaced
     */
    public static Map<Long, Map<String, Double>> applied(
            Handle h, List<ScoreRow> rows, Map<Long, Map<String, Double>> graded) {
        if (rows.isEmpty()) {
            return graded;
        }
        Map<String, Map<String, Double>> points = new HashMap<>();
        h.createQuery("""
                        SELECT username, assignment, question, points FROM score_overrides
                         WHERE question <> :whole AND assignment IN (<assignments>)""")
                .bind("whole", CountedGrades.WHOLE_SCORE)
                .bindList(
                        "assignments",
                        rows.stream().map(ScoreRow::assignment).distinct().toList())
                .map((rs, ctx) ->
                        new Object[] {key(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getDouble(4)})
                .forEach(r -> points.computeIfAbsent((String) r[0], k -> new HashMap<>())
                        .put((String) r[1], (Double) r[2]));
        Map<Long, Map<String, Double>> out = new HashMap<>(graded);
        for (ScoreRow row : rows) {
            Map<String, Double> set = points.get(key(row.username(), row.assignment()));
            Map<String, Double> scores = graded.get(row.submissionId());
            if (set != null && scores != null) {
                Map<String, Double> merged = new LinkedHashMap<>(scores);
                set.forEach((question, p) -> merged.computeIfPresent(question, (q, score) -> p));
                out.put(row.submissionId(), merged);
            }
        }
        return out;
    }

    private static String key(String username, String assignment) {
        return username + "\n" + assignment;
    }
}
