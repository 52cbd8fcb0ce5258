package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.gradebook.Gradebook;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.grading.GradingArtifacts;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionStore;
import org.gofer.terminal.TerminalLog;
import org.gofer.web.NotFoundException;

/**
 * One submission. Its owner sees the feedback (hidden tests as a count until released);
 * instructors also see the notebook as submitted, the container log, timing, the assignment's
 * limits, a regrade button, and the debug terminal's link and session log. Anyone else gets 403.
 * Thread-safe.
 */
final class SubmissionPage {
    static final int MAX_LOG = 256 * 1024;

    private final SubmissionStore store;
    private final Gradebook gradebook;
    private final Assignments assignments;
    private final ReleaseFlags releases;
    private final GradingArtifacts artifacts;
    private final TerminalLog terminals;

    SubmissionPage(SubmissionStore store, Gradebook gradebook, Assignments assignments, ReleaseFlags releases,
            GradingArtifacts artifacts, TerminalLog terminals) {
        this.store = store;
        this.gradebook = gradebook;
        this.assignments = assignments;
        this.releases = releases;
        this.artifacts = artifacts;
        this.terminals = terminals;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "pages/submissions/{id}", ctx -> show(ctx, Viewer.of(ctx, prefix)));
    }

    private void show(Context ctx, Viewer v) {
        long id = Params.id(ctx);
        Submission s = store.find(id).orElseThrow(() -> new NotFoundException("no submission " + id));
        if (!v.instructor() && !v.name().equals(s.username())) {
            throw new AccessDeniedException("submission " + id + " belongs to another user");
        }
        boolean hiddenVisible = v.instructor() || releases.released(s.assignment());
        Optional<AssignmentInfo> info = Assignments.parse(s.assignment()).map(assignments::info);
        String assignmentLink = info.map(i -> v.instructor() ? v.page("gradebook/" + i.path()) : v.page("assignments/" + i.path()))
                .orElse(v.page(""));
        Html facts = Html.of("""
                <dl class="facts"><dt>Assignment</dt><dd><a href="%s">%s</a></dd><dt>Student</dt><dd>%s</dd>
                <dt>Submitted</dt><dd>%s%s</dd><dt>Status</dt><dd><span class="status %s">%s</span></dd><dt>Via</dt><dd>%s</dd></dl>
                """, assignmentLink, s.assignment(), s.username(), Format.time(s.submittedAt()),
                Html.when(info.map(i -> i.lateAt(s.submittedAt())).orElse(false), Html.of(" <span class=\"tag late\">late</span>")),
                s.status().wireName(), s.status().wireName(), s.source());
        Html feedback = FeedbackView.render(v, s, gradebook.testScores(id), gradebook.report(id), hiddenVisible);
        Html body = Html.of("%s<section class=\"feedback\"><h2>Result</h2>%s</section>", facts, feedback);
        if (v.instructor()) {
            body = Html.of("%s%s", body, instructorDetail(v, s));
        }
        Layout.send(ctx, v, "Submission " + id, body);
    }

    private Html instructorDetail(Viewer v, Submission s) {
        Html timing = Html.of("<dl class=\"facts\"><dt>Attempts</dt><dd>%s</dd><dt>Started</dt><dd>%s</dd>"
                        + "<dt>Finished</dt><dd>%s</dd><dt>Waited</dt><dd>%s</dd><dt>Ran</dt><dd>%s</dd></dl>",
                s.attempts(), Format.time(s.startedAt()), Format.time(s.finishedAt()),
                s.startedAt().map(t -> Format.duration(Duration.between(s.submittedAt(), t))).orElse("—"),
                s.startedAt().flatMap(t -> s.finishedAt().map(f -> Format.duration(Duration.between(t, f)))).orElse("—"));
        Html limits = Assignments.parse(s.assignment()).map(k -> {
            try {
                Assignment.Limits l = assignments.settingsOf(k).limits();
                return Html.of("<p>Assignment limits (others are the service's defaults): memory %s MB, CPUs %s, "
                                + "processes %s, time %s s, per cell %s s, output %s bytes</p>",
                        l.memoryMb().map(String::valueOf).orElse("default"), l.cpus().map(String::valueOf).orElse("default"),
                        l.pids().map(String::valueOf).orElse("default"), l.timeoutSeconds().map(String::valueOf).orElse("default"),
                        l.cellTimeoutSeconds().map(String::valueOf).orElse("default"),
                        l.outputBytes().map(String::valueOf).orElse("default"));
            } catch (RuntimeException e) {
                return Html.of("<p class=\"problem\">Limits unknown: %s</p>", e.getMessage());
            }
        }).orElse(Html.EMPTY);
        Html regrade = Html.of("""
                <p><button class="action" data-post="%s" data-body="%s" data-done="reload">Regrade this submission</button>
                <span class="form-message" role="status"></span></p>
                """, v.api("regrade"), "{\"submission\": " + s.id() + "}");
        Html notebook;
        try {
            notebook = NotebookView.render(store.notebook(s.notebookSha256()));
        } catch (RuntimeException e) {
            notebook = Html.of("<p class=\"problem\">The stored notebook cannot be read: %s</p>", e.getMessage());
        }
        Html terminal = Html.of("""
                <p><a class="terminal-link" href="%s">Open a debug terminal</a> <span class="hint">a shell in a fresh
                container of the grading image with this notebook, the tests and the assignment's files</span></p>%s
                """, v.page("submissions/" + s.id() + "/terminal"),
                TerminalPage.sessionTable(terminals.list(Optional.of(s.id()), TerminalPage.LOG_ROWS)));
        return Html.of("""
                <section class="instructor"><h2>Grading</h2>%s%s%s
                <h2>Container log</h2>%s
                <h2>Debug terminal</h2>%s
                <h2>Notebook as submitted</h2>%s</section>
                """, regrade, timing, limits, containerLog(s), terminal, notebook);
    }

    private Html containerLog(Submission s) {
        Path log = artifacts.directoryOf(s).resolve("container.log");
        if (!Files.isRegularFile(log)) {
            return Html.of("<p class=\"note\">No container log (not graded yet, or graded before logs were kept).</p>");
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long size = f.length();
            long from = Math.max(0, size - MAX_LOG);
            byte[] buf = new byte[(int) (size - from)];
            f.seek(from);
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            return Html.of("%s<pre class=\"log\">%s</pre>",
                    from > 0 ? Html.of("<p class=\"note\">Last %s KiB of %s KiB.</p>", MAX_LOG / 1024, size / 1024) : Html.EMPTY,
                    text);
        } catch (IOException e) {
            return Html.of("<p class=\"problem\">The container log cannot be read: %s</p>", e.getMessage());
        }
    }
}
