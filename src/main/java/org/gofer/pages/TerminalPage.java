package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionStore;
import org.gofer.terminal.TerminalLog;
import org.gofer.terminal.TerminalRecord;
import org.gofer.terminal.TerminalRoutes;
import org.gofer.web.NotFoundException;

/**
 * The instructors' debug terminal on a submission: xterm.js (served from its WebJar) connected to
 * the websocket of {@link TerminalRoutes}, and the submission's session log. Students get 403, as
 * for every instructor page. Thread-safe.
 */
final class TerminalPage {
    static final int LOG_ROWS = 20;

    private final SubmissionStore store;
    private final TerminalLog log;

    TerminalPage(SubmissionStore store, TerminalLog log) {
        this.store = store;
        this.log = log;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "pages/submissions/{id}/terminal",
                ctx -> show(ctx, Viewer.of(ctx, prefix).requireInstructor("open a debug terminal")));
    }

    private void show(Context ctx, Viewer v) {
        long id = Params.id(ctx);
        Submission s = store.find(id).orElseThrow(() -> new NotFoundException("no submission " + id));
        Html body = Html.of("""
                <dl class="facts"><dt>Submission</dt><dd><a href="%s">%s</a></dd><dt>Student</dt><dd>%s</dd>
                <dt>Assignment</dt><dd>%s</dd></dl>
                <p class="hint">A shell in a fresh container of this assignment's grading image, with the grading's
                limits and no network; the working directory holds the notebook as submitted
                (<code>submission.ipynb</code>), the assignment's files and its tests (<code>tests/</code>). Nothing
                here changes the grade. The container is removed when you leave this page, exit the shell, or
                stop typing for a while.</p>
                <p class="terminal-status" id="terminal-status" role="status">Connecting…</p>
                <div id="terminal" class="terminal" data-socket="%s"></div>
                <h2>Sessions on this submission</h2>%s
                <link rel="stylesheet" href="%s">
                <script src="%s"></script>
                <script src="%s"></script>
                <script src="%s"></script>
                """, v.page("submissions/" + id), id, s.username(), s.assignment(),
                v.prefix() + TerminalRoutes.SOCKET.replace("{id}", Long.toString(id)),
                sessionTable(log.list(Optional.of(id), LOG_ROWS)),
                v.page("static/xterm.css"), v.page("static/xterm.js"), v.page("static/xterm-addon-fit.js"),
                v.page("static/terminal.js"));
        Layout.send(ctx, v, "Debug terminal · submission " + id, body);
    }

    /** The session log as a table, newest first (also on the submission page). */
    static Html sessionTable(List<TerminalRecord> sessions) {
        if (sessions.isEmpty()) {
            return Html.of("<p class=\"note\">No debug terminal was opened on this submission yet.</p>");
        }
        Html rows = sessions.stream().map(r -> Html.of(
                "<tr><td class=\"num\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                r.id(), r.instructor(), Format.time(r.startedAt()),
                r.endedAt().map(e -> Format.duration(Duration.between(r.startedAt(), e))).orElse("open"),
                r.endReason().orElse("—") + r.detail().map(d -> ": " + d).orElse(""), r.container().orElse("—"),
                r.image())).collect(Html.joining());
        return Html.of("""
                <table class="terminal-sessions"><thead><tr><th>#</th><th>Instructor</th><th>Started</th><th>Lasted</th>
                <th>Ended because</th><th>Container</th><th>Image</th></tr></thead><tbody>%s</tbody></table>
                """, rows);
    }
}
