package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.leaderboard.Board;
import org.gofer.leaderboard.DisplayName;
import org.gofer.leaderboard.DisplayNames;
import org.gofer.leaderboard.Leaderboard;
import org.gofer.leaderboard.Standing;
import org.gofer.web.NotFoundException;

/**
 * An assignment's leaderboard as a page ({@code pages/assignments/{c}/{s}/{a}/leaderboard}) and
 * as JSON ({@code api/assignments/{c}/{s}/{a}/leaderboard}), for assignments whose
 * assignment.json says {@code "leaderboard": true} (404 for the others). Students see ranks,
 * scores and the names students chose, never a hub user name; instructors see user names too.
 * While the scores hold hidden results that are not released, students see the board closed:
 * their own rank would tell them how they did on the hidden tests. Thread-safe.
 */
final class LeaderboardPage {
    static final String CLOSED = "The leaderboard opens when the hidden tests' results are released.";

    private final Assignments assignments;
    private final Leaderboard leaderboard;
    private final DisplayNames names;
    private final ReleaseFlags releases;

    LeaderboardPage(Assignments assignments, Leaderboard leaderboard, DisplayNames names, ReleaseFlags releases) {
        this.assignments = assignments;
        this.leaderboard = leaderboard;
        this.names = names;
        this.releases = releases;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        String a = "assignments/{course}/{section}/{name}/leaderboard";
        config.routes.get(prefix + "pages/" + a, ctx -> page(ctx, Viewer.of(ctx, prefix)));
        config.routes.get(prefix + "api/" + a, ctx -> json(ctx, Viewer.of(ctx, prefix)));
    }

    /**
     * What leaderboard.jte shows.
     *
     * @param closed why students cannot see the board yet, or null
     * @param chosen the viewer's display name, or null
     */
    record Page(Viewer v, AssignmentInfo info, Board board, String closed, String chosen, Paging.Links paging) {
        boolean you(Standing s) {
            return s.username().equals(v.name());
        }

        String name(Standing s) {
            return s.displayName().map(DisplayName::text).orElse("");
        }

        String score(Standing s) {
            return Format.score(s.score(), s.maxScore());
        }

        String percent(Standing s) {
            return Format.percent(s.fraction());
        }

        /** The viewer's row when it is not on this page, else null. */
        Standing ownBelow() {
            return board.viewerOnPage() ? null : board.viewer().orElse(null);
        }
    }

    private void page(Context ctx, Viewer v) {
        Shown shown = read(ctx, v);
        Board board = shown.board();
        String chosen = names.of(v.name()).map(DisplayName::text).orElse(null);
        String base = v.page("assignments/" + shown.info().path() + "/leaderboard");
        Paging.Links paging = Paging.links(base, Map.of(), board.page(), board.pages());
        Layout.send(ctx, "leaderboard", new Page(v, shown.info(), board, shown.closed(), chosen, paging));
    }

    private void json(Context ctx, Viewer v) {
        Shown shown = read(ctx, v);
        ctx.header("Cache-Control", "no-store")
                .json(LeaderboardResponses.Leaderboard.of(shown.info(), shown.board(), shown.closed(), v));
    }

    private record Shown(AssignmentInfo info, Board board, String closed) {}

    private Shown read(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        v.caller().requireMayTake(key.course());
        AssignmentInfo info = assignments.info(key);
        if (!info.leaderboard()) {
            throw new NotFoundException("assignment " + key + " has no leaderboard");
        }
        int page = Params.page(ctx);
        if (!v.mayTeach(key.course()) && !releases.released(info.id()) && leaderboard.hasHiddenResults(info.id())) {
            return new Shown(info, Board.empty(page), CLOSED);
        }
        Board board = leaderboard.read(info.id(), info.rule(), v.name(), page);
        return new Shown(info, board, null);
    }
}
