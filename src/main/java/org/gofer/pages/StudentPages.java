package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.gradebook.ScoreRow;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionStore;
import org.gofer.web.NotFoundException;

/**
 * A student's pages: the dashboard of their courses and assignments, and an assignment page with
 * their submission history, the latest feedback and an upload form. Only the caller's own
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

    StudentPages(Assignments assignments, StudentRecords records, ReleaseFlags releases, SubmissionStore store,
            org.gofer.gradebook.Gradebook gradebook, Clock clock) {
        this.assignments = assignments;
        this.records = records;
        this.releases = releases;
        this.store = store;
        this.gradebook = gradebook;
        this.clock = clock;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "pages/", ctx -> dashboard(ctx, Viewer.of(ctx, prefix)));
        config.routes.get(prefix + "pages/assignments/{course}/{section}/{name}",
                ctx -> assignment(ctx, Viewer.of(ctx, prefix)));
    }

    private void dashboard(Context ctx, Viewer v) {
        List<AssignmentInfo> infos = assignments.all();
        Map<String, StudentRecords.Latest> latest = records.latest(v.name());
        Map<String, ScoreRow> chosen = records.chosen(v.name(), Assignments.latest(infos));
        var released = releases.releasedAmong(infos.stream().map(AssignmentInfo::id).toList());
        var visible = records.visible(chosen.values().stream().map(ScoreRow::submissionId).toList());
        Map<String, List<AssignmentInfo>> byCourse = new TreeMap<>();
        for (AssignmentInfo i : infos) {
            if (i.problem().isEmpty() || latest.containsKey(i.id())) {
                byCourse.computeIfAbsent(i.key().course(), c -> new ArrayList<>()).add(i);
            }
        }
        StringBuilder body = new StringBuilder();
        if (v.instructor()) {
            body.append(Html.of("<p class=\"instructor-links\">Instructor: <a href=\"%s\">gradebook</a> · "
                    + "<a href=\"%s\">grading queue</a></p>", v.page("gradebook"), v.page("queue")));
        }
        if (byCourse.isEmpty()) {
            body.append("<p>No assignments yet.</p>");
        }
        byCourse.forEach((course, list) -> {
            Html rows = list.stream().map(i -> {
                Optional<StudentRecords.Latest> l = Optional.ofNullable(latest.get(i.id()));
                Optional<ScoreRow> grade = Optional.ofNullable(chosen.get(i.id()));
                Html status = l.map(x -> Html.of("<span class=\"status %s\">%s</span>%s", x.status().wireName(),
                        x.status().wireName(), Html.when(i.lateAt(x.submittedAt()), Html.of(" <span class=\"tag late\">late</span>"))))
                        .orElse(Html.of("<span class=\"status none\">not submitted</span>"));
                Html score = grade.map(g -> scoreCell(g, visible.get(g.submissionId()), released.contains(i.id())))
                        .orElse(Html.of("—"));
                return Html.of("""
                        <tr><td><a href="%s">%s</a></td><td>%s</td><td class="%s">%s</td><td>%s</td><td class="num">%s</td><td class="num">%s</td></tr>
                        """, v.page("assignments/" + i.path()), i.title(), i.key().section(),
                        i.deadline().map(d -> d.isBefore(clock.instant()) ? "past" : "").orElse(""),
                        i.deadline().map(Format::time).orElse("none"), status, score,
                        l.map(StudentRecords.Latest::submissions).orElse(0));
            }).collect(Html.joining());
            body.append(Html.of("""
                    <section class="course"><h2>%s</h2>
                    <table class="assignments"><thead><tr><th>Assignment</th><th>Section</th><th>Deadline</th>
                    <th>Status</th><th>Score</th><th>Submissions</th></tr></thead><tbody>%s</tbody></table></section>
                    """, course, rows));
        });
        Layout.send(ctx, v, "My assignments", new Html(body.toString()));
    }

    /** The counted score, as visible-test points while the assignment's hidden results are not released. */
    static Html scoreCell(ScoreRow g, StudentRecords.Visible vis, boolean released) {
        if (vis != null && vis.hiddenTests() > 0 && !released) {
            return Html.of("%s <span class=\"hint\">(visible tests)</span>", Format.score(vis.score(), vis.maxScore()));
        }
        return Html.of("<span class=\"%s\">%s</span>", Format.band(g.fraction()), Format.score(g.score(), g.maxScore()));
    }

    private void assignment(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        AssignmentInfo info = assignments.info(key);
        long before = Params.number(ctx, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        List<Submission> history = store.list(Optional.of(v.name()), Optional.of(key.toString()), HISTORY_PAGE, before);
        if (info.problem().isPresent() && history.isEmpty() && before == Long.MAX_VALUE) {
            throw new NotFoundException("no assignment " + key);
        }
        boolean released = releases.released(info.id());
        Optional<ScoreRow> grade = Optional.ofNullable(records.chosen(v.name(),
                Assignments.latest(List.of(info))).get(info.id()));
        List<Long> ids = new ArrayList<>(history.stream().map(Submission::id).toList());
        grade.ifPresent(g -> ids.add(g.submissionId()));
        var visible = records.visible(ids);
        Html counted = grade.map(g -> Html.of("<p>Counted grade (%s): %s — from <a href=\"%s\">submission %s</a></p>",
                        info.policy().name().toLowerCase(java.util.Locale.ROOT) + " submission",
                        scoreCell(g, visible.get(g.submissionId()), released), v.page("submissions/" + g.submissionId()),
                        g.submissionId()))
                .orElse(Html.of("<p>No grade yet.</p>"));
        Html latestFeedback = Html.EMPTY;
        if (before == Long.MAX_VALUE && !history.isEmpty()) {
            Submission s = history.get(0);
            latestFeedback = Html.of("<section class=\"latest\"><h2>Latest submission (<a href=\"%s\">%s</a>, %s)</h2>%s</section>",
                    v.page("submissions/" + s.id()), s.id(), Format.time(s.submittedAt()),
                    FeedbackView.render(v, s, gradebook.testScores(s.id()), gradebook.report(s.id()), released));
        }
        Html rows = history.stream().map(s -> {
            StudentRecords.Visible vis = visible.get(s.id());
            Html score = !s.status().isFinal() || s.score().isEmpty() ? Html.of("—")
                    : vis != null && vis.hiddenTests() > 0 && !released
                            ? Html.of("%s <span class=\"hint\">(visible tests)</span>", Format.score(vis.score(), vis.maxScore()))
                            : Html.of("%s", Format.score(s.score().get(), s.maxScore().orElse(0.0)));
            return Html.of("<tr><td><a href=\"%s\">%s</a></td><td>%s%s</td><td><span class=\"status %s\">%s</span></td>"
                            + "<td class=\"num\">%s</td><td>%s</td></tr>",
                    v.page("submissions/" + s.id()), s.id(), Format.time(s.submittedAt()),
                    Html.when(info.lateAt(s.submittedAt()), Html.of(" <span class=\"tag late\">late</span>")),
                    s.status().wireName(), s.status().wireName(), score, s.source());
        }).collect(Html.joining());
        Html older = history.size() == HISTORY_PAGE
                ? Html.of("<nav class=\"paging\"><a class=\"page\" href=\"%s?before=%s\">older submissions</a></nav>",
                        v.page("assignments/" + info.path()), history.get(history.size() - 1).id())
                : Html.EMPTY;
        Html body = Html.of("""
                <dl class="facts"><dt>Assignment</dt><dd>%s</dd><dt>Deadline</dt><dd>%s</dd><dt>Policy</dt><dd>%s</dd></dl>
                %s
                <section class="upload"><h2>Submit a notebook</h2>
                <form id="upload-form" data-submit="%s" data-assignment="%s">
                <input type="file" name="file" accept=".ipynb,application/x-ipynb+json,application/json" required>
                <button type="submit">Upload and grade</button></form>
                <p class="form-message" id="upload-message" role="status"></p>
                <p class="hint">Or use the Submit button in your notebook. The notebook's own metadata names the assignment.</p>
                </section>
                %s
                <section class="history"><h2>My submissions</h2>
                <table class="submissions"><thead><tr><th>#</th><th>Submitted</th><th>Status</th><th>Score</th><th>Via</th></tr></thead>
                <tbody>%s</tbody></table>%s</section>
                """, info.id(), info.deadline().map(Format::time).orElse("none"),
                info.policy() == org.gofer.assignment.Assignment.Policy.BEST ? "your best submission counts"
                        : "your latest submission counts",
                counted, v.prefix() + "submit", info.id(), latestFeedback,
                rows.text().isEmpty() ? Html.of("<tr><td colspan=\"5\">No submissions yet.</td></tr>") : rows, older);
        Layout.send(ctx, v, info.title(), body);
    }
}
