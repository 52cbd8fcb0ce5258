package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.gradebook.GradeChanges;
import org.gofer.gradebook.Gradebook;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.grading.GradingArtifacts;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionStore;
import org.gofer.terminal.TerminalLog;
import org.gofer.terminal.TerminalRecord;
import org.gofer.web.NotFoundException;

/**
 * One submission (submission.jte). Its owner sees the feedback (hidden tests as a count until released);
 * instructors and the course's staff also see the notebook as submitted, the container log, timing, the assignment's
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
    private final GradeChanges changes;

    SubmissionPage(
            SubmissionStore store,
            Gradebook gradebook,
            Assignments assignments,
            ReleaseFlags releases,
            GradingArtifacts artifacts,
            TerminalLog terminals,
            GradeChanges changes) {
        this.store = store;
        this.gradebook = gradebook;
        this.assignments = assignments;
        this.releases = releases;
        this.artifacts = artifacts;
        this.terminals = terminals;
        this.changes = changes;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "pages/submissions/{id}", ctx -> show(ctx, Viewer.of(ctx, prefix)));
    }

    /**
     * What submission.jte shows.
     *
     * @param assignmentLink the assignment's page for this viewer (the dashboard when the key is unreadable)
     * @param detail what only instructors see, or null
     */
    record Model(
            Viewer v, Submission s, String assignmentLink, boolean late, FeedbackView.Model feedback, Detail detail) {}

    /**
     * The instructors' part of the page.
     *
     * @param limits the assignment's limits, or null when unknown
     * @param limitsProblem why the limits are unknown, or null
     * @param notebook the notebook as submitted, or null when it cannot be read
     * @param notebookProblem why the notebook cannot be read, or null
     */
    record Detail(
            Assignment.Limits limits,
            String limitsProblem,
            NotebookView.Notebook notebook,
            String notebookProblem,
            ContainerLog log,
            List<TerminalRecord> sessions) {

        /** Timing of a submission's grading: waited in the queue, then ran. */
        static String waited(Submission s) {
            return s.startedAt()
                    .map(t -> Format.duration(Duration.between(s.submittedAt(), t)))
                    .orElse("—");
        }

        static String ran(Submission s) {
            return s.startedAt()
                    .flatMap(t -> s.finishedAt().map(f -> Format.duration(Duration.between(t, f))))
                    .orElse("—");
        }

        /** A limit's value, or "default" when the assignment leaves it to the service. */
        static String limit(Optional<?> value) {
            return value.map(String::valueOf).orElse("default");
        }

        static String regradeBody(Submission s) {
            return "{\"submission\": " + s.id() + "}";
        }
    }

    /**
     * The end of the grading container's log.
     *
     * @param text the log's last {@link #MAX_LOG} bytes, or null when there is none
     * @param problem why it cannot be read, or null
     * @param cut whether earlier bytes are left out
     */
    record ContainerLog(String text, String problem, boolean cut, long totalKiB) {
        long shownKiB() {
            return MAX_LOG / 1024;
        }
    }

    private void show(Context ctx, Viewer v) {
        long id = Params.id(ctx);
        Submission s = store.find(id).orElseThrow(() -> new NotFoundException("no submission " + id));
        v.caller().requireMaySeeSubmission(id, s.username(), s.course());
        boolean teaches = v.mayTeach(s.course());
        boolean hiddenVisible = teaches || releases.released(s.assignment());
        Optional<AssignmentInfo> info = Assignments.parse(s.assignment()).map(assignments::info);
        String assignmentLink = info.map(
                        i -> teaches ? v.page("gradebook/" + i.path()) : v.page("assignments/" + i.path()))
                .orElse(v.page(""));
        FeedbackView.Model feedback =
                FeedbackView.of(v, s, gradebook.testScores(id), gradebook.report(id), hiddenVisible);
        Layout.send(
                ctx,
                "submission",
                new Model(
                        v,
                        s,
                        assignmentLink,
                        info.map(i -> i.lateAt(s.submittedAt(), changes.extensionOf(i.id(), s.username())))
                                .orElse(false),
                        feedback,
                        teaches ? detail(s) : null));
    }

    private Detail detail(Submission s) {
        Assignment.Limits limits = null;
        String limitsProblem = null;
        Optional<org.gofer.assignment.AssignmentKey> key = Assignments.parse(s.assignment());
        if (key.isPresent()) {
            try {
                limits = assignments.settingsOf(key.get()).limits();
            } catch (RuntimeException e) {
                limitsProblem = String.valueOf(e.getMessage());
            }
        }
        NotebookView.Notebook notebook = null;
        String notebookProblem = null;
        try {
            notebook = NotebookView.read(store.notebook(s.notebookSha256()));
        } catch (RuntimeException e) {
            notebookProblem = String.valueOf(e.getMessage());
        }
        return new Detail(
                limits,
                limitsProblem,
                notebook,
                notebookProblem,
                containerLog(s),
                terminals.list(Optional.of(s.id()), TerminalPage.LOG_ROWS));
    }

    private ContainerLog containerLog(Submission s) {
        Path log = artifacts.directoryOf(s).resolve("container.log");
        if (!Files.isRegularFile(log)) {
            return new ContainerLog(null, null, false, 0);
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long size = f.length();
            long from = Math.max(0, size - MAX_LOG);
            byte[] buf = new byte[(int) (size - from)];
            f.seek(from);
            f.readFully(buf);
            return new ContainerLog(new String(buf, StandardCharsets.UTF_8), null, from > 0, size / 1024);
        } catch (IOException e) {
            return new ContainerLog(null, String.valueOf(e.getMessage()), false, 0);
        }
    }
}
