package org.gofer.pages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.gofer.leaderboard.Board;
import org.gofer.leaderboard.DisplayName;
import org.gofer.leaderboard.Standing;

/**
 * The JSON answers about leaderboards and display names (snake_case through
 * {@link org.gofer.Json#snakeCase()}). Scripts read these, so a field keeps its name and type.
 */
final class LeaderboardResponses {
    private LeaderboardResponses() {}

    /**
     * {@code GET api/assignments/{c}/{s}/{a}/leaderboard}.
     *
     * @param open false while the board would show hidden results students may not see yet;
     *     {@code rows} is empty then and {@code message} says why
     * @param students how many students the board ranks
     * @param you the caller's own row (also when it is not on this page), or null
     */
    record Leaderboard(
            String assignment,
            String title,
            boolean open,
            String message,
            long students,
            int page,
            int pages,
            int pageSize,
            List<Row> rows,
            Row you) {

        static Leaderboard of(AssignmentInfo info, Board board, String message, Viewer v) {
            return new Leaderboard(
                    info.id(),
                    info.title(),
                    message == null,
                    message,
                    board.ranked(),
                    board.page(),
                    board.pages(),
                    org.gofer.leaderboard.Leaderboard.PAGE_SIZE,
                    board.rows().stream().map(s -> Row.of(s, v)).toList(),
                    board.viewer().map(s -> Row.of(s, v)).orElse(null));
        }
    }

    /**
     * One place on the board. A student sees rank, the chosen name (null: unnamed), score and
     * whether the row is theirs; {@code username}, {@code submitted_at} and {@code submission}
     * are there for instructors only, and absent otherwise.
     */
    record Row(
            long rank,
            String displayName,
            double score,
            double maxScore,
            double fraction,
            boolean you,
            @JsonInclude(JsonInclude.Include.NON_NULL) String username,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant submittedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long submission) {

        static Row of(Standing s, Viewer v) {
            boolean instructor = v.instructor();
            return new Row(
                    s.rank(),
                    s.displayName().map(DisplayName::text).orElse(null),
                    s.score(),
                    s.maxScore(),
                    s.fraction(),
                    s.username().equals(v.name()),
                    instructor ? s.username() : null,
                    instructor ? s.submittedAt() : null,
                    instructor ? s.submissionId() : null);
        }
    }

    /** {@code GET/PUT/DELETE api/me/display-name}: the caller's display name, null for none. */
    record ChosenName(String displayName) {}
}
