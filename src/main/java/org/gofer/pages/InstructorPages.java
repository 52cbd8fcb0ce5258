package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.gradebook.ScoreRow;
import org.gofer.lti.Passback;
import org.gofer.lti.PassbackOutbox;
import org.gofer.submission.QueueStats;
import org.gofer.submission.SubmissionStore;

/**
 * Instructors' pages: the gradebook (students × assignments), one assignment per question with
 * its score distribution, regrade, release switch and LTI passbacks, and the grading queue.
 * Every page is paged and costs a fixed number of queries. Thread-safe.
 */
final class InstructorPages {
    private final Assignments assignments;
    private final GradebookGrid grid;
    private final ReleaseFlags releases;
    private final QueueMonitor monitor;
    private final SubmissionStore store;
    private final Optional<PassbackOutbox> passbacks;
    private final Clock clock;
    private final EnvironmentLine environment;

    InstructorPages(Assignments assignments, GradebookGrid grid, ReleaseFlags releases, QueueMonitor monitor,
            SubmissionStore store, Optional<PassbackOutbox> passbacks, Clock clock, EnvironmentLine environment) {
        this.environment = environment;
        this.assignments = assignments;
        this.grid = grid;
        this.releases = releases;
        this.monitor = monitor;
        this.store = store;
        this.passbacks = passbacks;
        this.clock = clock;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "pages/gradebook", ctx -> gradebook(ctx, instructor(ctx, prefix)));
        config.routes.get(prefix + "pages/gradebook/{course}/{section}/{name}",
                ctx -> assignment(ctx, instructor(ctx, prefix)));
        config.routes.get(prefix + "pages/queue", ctx -> queue(ctx, instructor(ctx, prefix)));
    }

    private static Viewer instructor(Context ctx, String prefix) {
        return Viewer.of(ctx, prefix).requireInstructor("see the gradebook and the queue");
    }

    private void gradebook(Context ctx, Viewer v) {
        List<AssignmentInfo> infos = assignments.all();
        Set<String> sorts = new java.util.HashSet<>(Set.of("student", "total"));
        infos.forEach(i -> sorts.add(i.id()));
        Optional<String> q = Params.text(ctx, "q");
        String sort = Params.choice(ctx, "sort", "student", sorts);
        boolean desc = Params.descending(ctx);
        int page = Params.page(ctx);
        GradebookGrid.Grid g = grid.grid(new GradebookGrid.Request(q, sort, desc, page), Assignments.latest(infos));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q.orElse(""));
        params.put("sort", sort);
        params.put("dir", desc ? "desc" : "asc");
        String base = v.page("gradebook");
        Html head = infos.stream().map(i -> Html.of("<th><a href=\"%s\">%s</a><br><span class=\"hint\">%s</span> %s</th>",
                v.page("gradebook/" + i.path()), i.title(), i.policy().name().toLowerCase(Locale.ROOT),
                sortLink(base, params, i.id(), sort, desc))).collect(Html.joining());
        Html rows = g.students().stream().map(student -> {
            Map<String, ScoreRow> cells = g.cells().getOrDefault(student, Map.of());
            double total = 0;
            double max = 0;
            StringBuilder tds = new StringBuilder();
            for (AssignmentInfo i : infos) {
                ScoreRow r = cells.get(i.id());
                if (r == null) {
                    tds.append("<td class=\"num missing\">—</td>");
                } else {
                    total += r.score();
                    max += r.maxScore();
                    tds.append(Html.of("<td class=\"num %s\"><a href=\"%s\">%s</a></td>", Format.band(r.fraction()),
                            v.page("submissions/" + r.submissionId()), Format.score(r.score(), r.maxScore())));
                }
            }
            return Html.of("<tr><th scope=\"row\">%s</th>%s<td class=\"num\">%s</td></tr>", student,
                    new Html(tds.toString()), Format.score(total, max));
        }).collect(Html.joining());
        int pages = Paging.pages(g.matching(), GradebookGrid.PAGE_SIZE);
        Html body = Html.of("""
                <form class="filter" method="get" action="%s"><label>Student <input name="q" value="%s"></label>
                <input type="hidden" name="sort" value="%s"><input type="hidden" name="dir" value="%s">
                <button type="submit">Filter</button></form>
                <p>%s students · <a class="csv" href="%s">Download CSV (all assignments)</a></p>
                <table class="gradebook"><thead><tr><th>Student %s</th>%s<th>Total %s</th></tr></thead><tbody>%s</tbody></table>
                %s
                """, base, q.orElse(""), sort, desc ? "desc" : "asc", g.matching(), v.api("gradebook.csv"),
                sortLink(base, params, "student", sort, desc), head, sortLink(base, params, "total", sort, desc), rows,
                Paging.links(base, params, page, pages));
        Layout.send(ctx, v, "Gradebook", body);
    }

    private void assignment(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        AssignmentInfo info = assignments.info(key);
        Optional<String> q = Params.text(ctx, "q");
        String sort = Params.choice(ctx, "sort", "student", Set.of("student", "score", "submissions", "graded"));
        boolean desc = Params.descending(ctx);
        Optional<String> status = Params.text(ctx, "status");
        if (status.isPresent() && !Set.of("graded", "failed").contains(status.get())) {
            throw new org.gofer.web.BadRequestException("query parameter 'status' must be graded or failed");
        }
        int page = Params.page(ctx);
        boolean latest = info.policy() == Assignment.Policy.LATEST;
        GradebookGrid.Standings st = grid.standings(info.id(), latest,
                new GradebookGrid.Request(q, sort, desc, page), status);
        boolean released = releases.released(info.id());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q.orElse(""));
        params.put("status", status.orElse(""));
        params.put("sort", sort);
        params.put("dir", desc ? "desc" : "asc");
        String base = v.page("gradebook/" + info.path());
        Html qHead = st.questions().stream().map(n -> Html.of("<th>%s</th>", n)).collect(Html.joining());
        Html rows = st.rows().stream().map(r -> {
            Map<String, Double> per = st.perQuestion().getOrDefault(r.submissionId(), Map.of());
            Html qs = st.questions().stream().map(n -> Html.of("<td class=\"num\">%s</td>",
                    per.containsKey(n) ? Format.number(per.get(n)) : "—")).collect(Html.joining());
            return Html.of("<tr><th scope=\"row\">%s</th><td class=\"num %s\"><a href=\"%s\">%s</a></td><td>%s</td>"
                            + "<td class=\"num\">%s</td><td>%s</td>%s</tr>",
                    r.username(), Format.band(r.fraction()), v.page("submissions/" + r.submissionId()),
                    Format.score(r.score(), r.maxScore()), r.status(), r.submissions(), Format.time(r.gradedAt()), qs);
        }).collect(Html.joining());
        int[] bins = Histogram.bins(grid.fractions(info.id(), latest));
        var counts = monitor.countsOf(info.id());
        Html body = Html.of("""
                %s
                <dl class="facts"><dt>Key</dt><dd>%s</dd><dt>Policy</dt><dd>%s</dd><dt>Deadline</dt><dd>%s</dd>
                <dt>Hidden results</dt><dd>%s</dd>%s</dl>
                <div class="actions">
                <button class="action" data-post="%s" data-body="%s" data-progress="%s">Regrade all submissions</button>
                <button class="action" data-post="%s" data-body="%s" data-done="reload">%s</button>
                <a class="csv" href="%s">Download CSV</a>
                <progress id="regrade-progress" max="1" value="0" hidden></progress>
                <span class="form-message" role="status">%s queued, %s running</span>
                </div>
                <h2>Score distribution</h2>%s
                <h2>Students</h2>
                <form class="filter" method="get" action="%s"><label>Student <input name="q" value="%s"></label>
                <label>Status <select name="status"><option value="">any</option><option%s>graded</option><option%s>failed</option></select></label>
                <input type="hidden" name="sort" value="%s"><input type="hidden" name="dir" value="%s">
                <button type="submit">Filter</button></form>
                <p>%s students with a grade</p>
                <table class="standings"><thead><tr><th>Student %s</th><th>Score %s</th><th>Status</th><th>Submissions %s</th>
                <th>Graded %s</th>%s</tr></thead><tbody>%s</tbody></table>
                %s
                %s
                """,
                info.problem().map(p -> Html.of("<p class=\"problem\">%s</p>", p)).orElse(Html.EMPTY),
                info.id(), info.policy().name().toLowerCase(Locale.ROOT), info.deadline().map(Format::time).orElse("none"),
                released ? "released to students" : "students see a count only", environment.render(v, info.key()),
                v.api("regrade"), "{\"assignment\": \"" + info.id() + "\"}", v.api("assignments/" + info.path() + "/progress"),
                v.api("assignments/" + info.path() + "/release"), "{\"released\": " + !released + "}",
                released ? "Withdraw hidden results" : "Release hidden results",
                Paging.url(v.api("gradebook.csv"), Map.of("assignment", info.id())),
                counts.get(org.gofer.submission.SubmissionStatus.QUEUED), counts.get(org.gofer.submission.SubmissionStatus.RUNNING),
                Histogram.svg("Score distribution of " + info.title(), bins),
                base, q.orElse(""), status.filter("graded"::equals).isPresent() ? Html.of(" selected") : Html.EMPTY,
                status.filter("failed"::equals).isPresent() ? Html.of(" selected") : Html.EMPTY, sort, desc ? "desc" : "asc",
                st.matching(), sortLink(base, params, "student", sort, desc), sortLink(base, params, "score", sort, desc),
                sortLink(base, params, "submissions", sort, desc), sortLink(base, params, "graded", sort, desc), qHead, rows,
                Paging.links(base, params, page, Paging.pages(st.matching(), GradebookGrid.PAGE_SIZE)),
                passbackSection(info.id()));
        Layout.send(ctx, v, info.title(), body);
    }

    private Html passbackSection(String assignment) {
        if (passbacks.isEmpty()) {
            return Html.EMPTY;
        }
        List<Passback> rows = passbacks.get().status(assignment, null, null, QueueMonitor.LIST_LIMIT);
        if (rows.isEmpty()) {
            return Html.of("<h2>LTI passback</h2><p>No scores to pass back (no LTI launches for this assignment).</p>");
        }
        Html body = rows.stream().map(p -> Html.of("<tr><td>%s</td><td class=\"num\">%s</td><td>%s</td><td class=\"num\">%s</td>"
                        + "<td>%s</td><td>%s</td></tr>", p.username(), p.score() == null ? "—" : p.score(),
                p.status().dbValue(), p.attempts(), Format.time(p.updatedAt()), p.lastError() == null ? "" : p.lastError()))
                .collect(Html.joining());
        return Html.of("""
                <h2>LTI passback</h2><p class="hint">The latest %s deliveries, newest target first.</p>
                <table class="passbacks"><thead><tr><th>Student</th><th>Score</th><th>Status</th><th>Attempts</th>
                <th>Updated</th><th>Last error</th></tr></thead><tbody>%s</tbody></table>
                """, rows.size(), body);
    }

    /** What the queue page shows. */
    record QueueModel(Viewer v, QueueStats stats, String oldest, List<QueueMonitor.Entry> running,
            List<QueueMonitor.Entry> retrying, List<QueueMonitor.Entry> failures) {}

    private void queue(Context ctx, Viewer v) {
        QueueStats stats = store.stats();
        String oldest = stats.oldestQueued().map(t -> Format.time(t) + " (waiting "
                + Format.duration(Duration.between(t, clock.instant())) + ")").orElse("none waiting");
        Layout.send(ctx, "queue", new QueueModel(v, stats, oldest, monitor.running(), monitor.retrying(),
                monitor.recentFailures()));
    }

    /** A header link that sorts by {@code key}, flipping the direction when it already does. */
    private static Html sortLink(String base, Map<String, String> params, String key, String sort, boolean desc) {
        boolean active = key.equals(sort);
        Map<String, String> p = Paging.with(Paging.with(params, "sort", key), "dir", active && !desc ? "desc" : "asc");
        p.remove("page");
        return Html.of("<a class=\"sort%s\" href=\"%s\" title=\"sort\">%s</a>", active ? " active" : "", Paging.url(base, p),
                active ? (desc ? "▼" : "▲") : "⇅");
    }
}
