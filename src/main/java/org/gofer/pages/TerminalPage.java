package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
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
 * the websocket of {@link TerminalRoutes}, and the submission's session log. Only instructors and
 * the course's staff; others get 403. Thread-safe.
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
        config.routes.get(prefix + "pages/submissions/{id}/terminal", ctx -> show(ctx, Viewer.of(ctx, prefix)));
    }

    /** What terminal.jte shows: the submission and its sessions, newest first. */
    record Model(Viewer v, Submission s, String socket, List<TerminalRecord> sessions) {}

    private void show(Context ctx, Viewer v) {
        long id = Params.id(ctx);
        Submission s = store.find(id).orElseThrow(() -> new NotFoundException("no submission " + id));
        v.requireMayTeach(s.course(), "open a debug terminal on its submissions");
        Layout.send(
                ctx,
                "terminal",
                new Model(
                        v,
                        s,
                        v.prefix() + TerminalRoutes.SOCKET.replace("{id}", Long.toString(id)),
                        log.list(Optional.of(id), LOG_ROWS)));
    }
}
