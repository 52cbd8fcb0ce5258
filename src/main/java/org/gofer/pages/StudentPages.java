package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.Deadlines;
import org.gofer.gradebook.AdjustedGrade;
import org.gofer.gradebook.Extension;
import org.gofer.gradebook.GradeChanges;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.gradebook.ScoreRow;
import org.gofer.gradebook.StudentGrades;
import org.gofer.publication.Publications;
import org.gofer.submission.AttemptStatus;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionStore;
import org.gofer.web.NotFoundException;

/**
 * A student's pages: the dashboard of the courses they may take and their assignments, and an
 * assignment page with their submission history, the latest feedback and an upload form. Only the caller's own
 * submissions are ever read here. Thread-safe.
 */
final class StudentPages {
    static final int HISTORY_PAGE = 20;

    private final Assignments assignments;
    private final StudentRecords records;
    private final ReleaseFlags releases;
    private final SubmissionStore store;
    private final org.gofer.gradebook.Gradebook gradebook;
    private final Clock clock;
    private final Publications publications;
    private final StudentGrades grades;
    private final GradeChanges changes;

    StudentPages(
            Assignments assignments,
            StudentRecords records,
            ReleaseFlags releases,
            SubmissionStore store,
            org.gofer.gradebook.Gradebook gradebook,
            Clock clock,
            Publications publications,
            StudentGrades grades,
            GradeChanges changes) {
        this.publications = publications;
        this.grades = grades;
        this.changes = changes;
        this.assignments = assignments;
        this.records = records;
        this.releases = releases;
        this.store = store;
        this.gradebook = gradebook;
        this.clock = clock;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "pages/", ctx -> dashboard(ctx, Viewer.of(ctx, prefix)));
        config.routes.get(
                prefix + "pages/assignments/{course}/{section}/{name}", ctx -> assignment(ctx, Viewer.of(ctx, prefix)));
    }

    private void dashboard(Context ctx, Viewer v) {
        Set<String> drafts = publications.hiddenFromStudents();
        List<AssignmentInfo> infos = assignments.all().stream()
                .filter(i -> v.instructor() || !drafts.contains(i.id()))
                .toList();
        Map<String, StudentRecords.Latest> latest = records.latest(v.name());
        Map<String, ScoreRow> chosen = records.chosen(v.name(), Assignments.rules(infos));
        var released =
                releases.releasedAmong(infos.stream().map(AssignmentInfo::id).toList());
        var visible = records.visible(
                chosen.values().stream().map(ScoreRow::submissionId).toList());
        Map<String, Extension> extensions = changes.extensionsOf(v.name());
        Map<String, List<AssignmentInfo>> byCourse = new TreeMap<>();
        for (AssignmentInfo i : infos) {
            // A course closed to the caller is left out, except for work they already submitted to it.
            boolean submitted = latest.containsKey(i.id());
            if ((i.problem().isEmpty() || submitted)
                    && (submitted || v.caller().mayTake(i.key().course()))) {
                byCourse.computeIfAbsent(i.key().course(), c -> new ArrayList<>())
                        .add(i);
            }
        }
        List<Course> courses = new ArrayList<>();
        byCourse.forEach((course, list) -> courses.add(new Course(
                course,
                list.stream()
                        .map(i -> {
                            ScoreRow grade = chosen.get(i.id());
                            Optional<Extension> extension = Optional.ofNullable(extensions.get(i.id()));
                            return new DashboardRow(
                                    i,
                                    latest.get(i.id()),
                                    grade,
                                    grade == null ? null : visible.get(grade.submissionId()),
                                    released.contains(i.id()),
                                    i.dueFor(extension).orElse(null),
                                    extension.isPresent(),
                                    i.lateAt(clock.instant(), extension),
                                    drafts.contains(i.id()));
                        })
                        .toList())));
        Layout.send(ctx, "dashboard", new Dashboard(v, courses));
    }

    /** What dashboard.jte shows: the caller's assignments by course. */
    record Dashboard(Viewer v, List<Course> courses) {}

    record Course(String name, List<DashboardRow> rows) {}

    /**
     * One assignment on the dashboard.
     *
     * @param latest the caller's latest submission, or null
     * @param grade the counted grade, or null
     * @param visible the counted grade's visible-test points, or null
     * @param released whether hidden results are released
     * @param dueAt the caller's own due date (an extension moves it), or null for none
     * @param extended whether that due date is an extension's
     * @param past whether that due date has passed
     * @param draft unpublished: only instructors see the row
     */
    record DashboardRow(
            AssignmentInfo info,
            StudentRecords.Latest latest,
            ScoreRow grade,
            StudentRecords.Visible visible,
            boolean released,
            Instant dueAt,
            boolean extended,
            boolean past,
            boolean draft) {

        /** Whether the latest submission came after the caller's own due date. */
        boolean latestLate() {
            return latest != null && dueAt != null && latest.submittedAt().isAfter(dueAt);
        }
    }

    /**
     * What assignment.jte shows.
     *
     * @param grade the counted grade, or null
     * @param visible visible-test points of the history's and the counted grade's submissions
     * @param latest the latest submission's feedback on the first page of the history, or null
     * @param older the link to the next page of the history, or null
     * @param extension the caller's extension, or null
     * @param adjusted lateness and penalty of the caller's finished gradings, by submission id
     */
    record AssignmentPage(
            Viewer v,
            AssignmentInfo info,
            Extension extension,
            Map<Long, AdjustedGrade> adjusted,
            ScoreRow grade,
            Map<Long, StudentRecords.Visible> visible,
            boolean released,
            FeedbackView.Model latest,
            List<Submission> history,
            String older,
            AttemptStatus attempts) {

        /** "attempts used n of N" (or "n, no limit"), and when the next is allowed; null without limits. */
        String attemptsLine() {
            if (attempts == null) {
                return null;
            }
            String used = attempts.max().map(m -> attempts.used() + " of " + m).orElse(attempts.used() + " (no limit)");
            String next = attempts.exhausted()
                    ? "no submissions left"
                    : attempts.nextAllowedAt()
                            .map(t -> "next submission allowed at " + Format.time(t))
                            .orElse("you may submit now");
            return "Attempts used " + used + "; " + next + ".";
        }

        /** Visible-test points stand in for the score while hidden results are not released. */
        boolean visibleOnly(long submission) {
            StudentRecords.Visible vis = visible.get(submission);
            return vis != null && vis.hiddenTests() > 0 && !released;
        }

        /** Late against the caller's own due date (an extension moves it). */
        boolean late(Submission s) {
            AdjustedGrade a = adjusted.get(s.id());
            if (a != null) {
                return a.late();
            }
            return info.lateAt(s.submittedAt(), Optional.ofNullable(extension));
        }

        /** "−2 (late penalty)" for a graded late submission, else empty. */
        String penalty(Submission s) {
            AdjustedGrade a = adjusted.get(s.id());
            return a == null || a.penalty() <= 0
                    ? ""
                    : "−" + Format.number(a.penalty()) + " late penalty (" + Format.duration(a.lateness())
                            + " late): counts " + Format.score(a.score(), a.maxScore());
        }

        String latePolicy() {
            return info.deadlines()
                    .late()
                    .map(Deadlines.LatePolicy::describe)
                    .orElse("late work is accepted without penalty");
        }

        String visibleScore(long submission) {
            StudentRecords.Visible vis = visible.get(submission);
            return Format.score(vis.score(), vis.maxScore());
        }
    }

    private void assignment(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        if (!v.caller().mayTeach(key.course()) && !publications.visibleToStudents(key)) {
            throw new NotFoundException("no assignment " + key); // a draft, told apart from nothing by no one
        }
        AssignmentInfo info = assignments.info(key);
        long before = Params.number(ctx, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        List<Submission> history = store.list(Optional.of(v.name()), Optional.of(key.toString()), HISTORY_PAGE, before);
        if (info.problem().isPresent() && history.isEmpty() && before == Long.MAX_VALUE) {
            throw new NotFoundException("no assignment " + key);
        }
        if (history.isEmpty()) {
            v.caller().requireMayTake(key.course());
        }
        boolean released = releases.released(info.id());
        Optional<ScoreRow> grade = Optional.ofNullable(
                records.chosen(v.name(), Assignments.rules(List.of(info))).get(info.id()));
        List<Long> ids = new ArrayList<>(history.stream().map(Submission::id).toList());
        grade.ifPresent(g -> ids.add(g.submissionId()));
        var visible = records.visible(ids);
        FeedbackView.Model latestFeedback = null;
        if (before == Long.MAX_VALUE && !history.isEmpty()) {
            Submission s = history.get(0);
            latestFeedback = FeedbackView.of(v, s, gradebook.testScores(s.id()), gradebook.report(s.id()), released);
        }
        String older = history.size() == HISTORY_PAGE
                ? v.page("assignments/" + info.path()) + "?before="
                        + history.get(history.size() - 1).id()
                : null;
        // Staff are not limited (see SubmissionController), so their page shows no count.
        AttemptStatus attempts = info.attempts().limited() && !v.mayTeach(key.course())
                ? store.attempts(v.name(), key, info.attempts())
                : null;
        Map<Long, AdjustedGrade> adjusted = new HashMap<>();
        grades.submissions(key, v.name()).forEach(a -> adjusted.put(a.submissionId(), a));
        Extension extension = changes.extensionOf(info.id(), v.name()).orElse(null);
        Layout.send(
                ctx,
                "assignment",
                new AssignmentPage(
                        v,
                        info,
                        extension,
                        adjusted,
                        grade.orElse(null),
                        visible,
                        released,
                        latestFeedback,
                        history,
                        older,
                        attempts));
    }
}
