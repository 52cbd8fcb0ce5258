package org.gofer.leaderboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gofer.gradebook.CountedGrades;
import org.gofer.gradebook.GradingRule;
import org.gofer.gradebook.GradingRules;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Ranks an assignment's students by the grade that counts ({@link CountedGrades}, so overrides
 * and penalties applied there move students on the board): by fraction of the points possible,
 * highest first; a tie goes to whoever submitted that graded notebook first. One query per page
 * reads the page and the viewer's own row, ranked in SQL, so a page costs the same at 10 or
 * 10,000 students. Thread-safe.
 */
public final class Leaderboard {
    /** Rows per page. */
    public static final int PAGE_SIZE = 100;

    private final Jdbi jdbi;

    public Leaderboard(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param rule the assignment's policy and late rules, which decide the grade that counts (as everywhere)
     * @param viewer the hub user whose own row to include wherever it ranks
     * @param page from 1
     */
    public Board read(String assignment, GradingRule rule, String viewer, int page) {
        long offset = (long) (page - 1) * PAGE_SIZE;
        return jdbi.withHandle(h -> {
            List<Standing> rows = new ArrayList<>();
            Optional<Standing> own = Optional.empty();
            long ranked = 0;
            for (Ranked r : ranked(h, assignment, rule, viewer, offset)) {
                ranked = r.ranked();
                if (r.position() > offset && r.position() <= offset + PAGE_SIZE) {
                    rows.add(r.standing());
                }
                if (r.standing().username().equals(viewer)) {
                    own = Optional.of(r.standing());
                }
            }
            if (ranked == 0 && page > 1) {
                ranked = count(h, assignment, rule);
            }
            return new Board(List.copyOf(rows), own, ranked, page);
        });
    }

    /**
     * Whether any grading of the assignment recorded a hidden test: then the board's scores
     * contain hidden results, which students may see only once they are released.
     */
    public boolean hasHiddenResults(String assignment) {
        return jdbi.withHandle(h ->
                h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM submissions s JOIN test_scores t ON t.submission_id = s.id
                                        WHERE s.assignment = :a AND t.hidden = 1)""").bind("a", assignment).mapTo(Boolean.class).one());
    }

    private record Ranked(Standing standing, long position, long ranked) {}

    private static List<Ranked> ranked(Handle h, String assignment, GradingRule rule, String viewer, long offset) {
        String sql = CountedGrades.with("assignment = :a", GradingRules.single(assignment, rule))
                + """
                , board AS (
                  SELECT c.id, c.username, c.score, c.max_score, %1$s AS fraction, s.submitted_at,
                         rank() OVER (ORDER BY %1$s DESC, s.submitted_at) AS place,
                         row_number() OVER (ORDER BY %1$s DESC, s.submitted_at, c.id) AS position,
                         count(*) OVER () AS ranked
                    FROM chosen c JOIN submissions s ON s.id = c.id)
                SELECT b.*, d.display_name
                  FROM board b LEFT JOIN display_names d ON d.username = b.username
                 WHERE (b.position > :offset AND b.position <= :offset + :limit) OR b.username = :viewer
                 ORDER BY b.position""".formatted(CountedGrades.FRACTION);
        return CountedGrades.bind(h.createQuery(sql), GradingRules.single(assignment, rule))
                .bind("a", assignment)
                .bind("offset", offset)
                .bind("limit", PAGE_SIZE)
                .bind("viewer", viewer)
                .map((rs, ctx) -> new Ranked(standing(rs), rs.getLong("position"), rs.getLong("ranked")))
                .list();
    }

    private static long count(Handle h, String assignment, GradingRule rule) {
        return CountedGrades.bind(
                        h.createQuery(CountedGrades.with("assignment = :a", GradingRules.single(assignment, rule))
                                + "SELECT count(*) FROM chosen"),
                        GradingRules.single(assignment, rule))
                .bind("a", assignment)
                .mapTo(Long.class)
                .one();
    }

    private static Standing standing(ResultSet rs) throws SQLException {
        return new Standing(
                rs.getLong("place"),
                rs.getString("username"),
                Optional.ofNullable(rs.getString("display_name")).map(DisplayName::new),
                rs.getDouble("score"),
                rs.getDouble("max_score"),
                rs.getDouble("fraction"),
                Instant.ofEpochMilli(rs.getLong("submitted_at")),
                rs.getLong("id"));
    }
}
