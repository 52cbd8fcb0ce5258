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
import org.gofer.assignment.AssignmentKey;
import org.gofer.course.CourseAccess;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.gradebook.ScoreRow;
import org.gofer.lti.Passback;
import org.gofer.lti.PassbackOutbox;
import org.gofer.submission.QueueStats;
import org.gofer.submission.SubmissionStatus;
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
    private final CoursePage coursePage;

    InstructorPages(
            Assignments assignments,
            GradebookGrid grid,
            ReleaseFlags releases,
            QueueMonitor monitor,
            SubmissionStore store,
            Optional<PassbackOutbox> passbacks,
            Clock clock,
            EnvironmentLine environment,
            CoursePage coursePage) {
        this.environment = environment;
        this.coursePage = coursePage;
        this.assignments = assignments;
        this.grid = grid;
        this.releases = releases;
        this.monitor = monitor;
        this.store = store;
        this.passbacks = passbacks;
        this.clock = clock;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(
                prefix + "pages/gradebook",
                ctx -> gradebook(ctx, Viewer.of(ctx, prefix).requireStaff("see the gradebook")));
        config.routes.get(
                prefix + "pages/gradebook/{course}/{section}/{name}",
                ctx -> assignment(
                        ctx,
                        Viewer.of(ctx, prefix)
                                .requireMayTeach(Params.assignment(ctx).course(), "see its gradebook")));
        config.routes.get(
                prefix + "pages/queue",
                ctx -> queue(ctx, Viewer.of(ctx, prefix).requireInstructor("see the grading queue")));
    }

    /** Global instructors see every course; a course's staff the courses they teach. */
    private void gradebook(Context ctx, Viewer v) {
        List<AssignmentInfo> infos = assignments.all().stream()
                .filter(i -> v.mayTeach(i.key().course()))
                .toList();
        Optional<List<String>> courses =
                v.instructor() ? Optional.empty() : Optional.of(v.caller().taughtAmong(courseNames(infos)));
        Set<String> sorts = new java.util.HashSet<>(Set.of("student", "total"));
        infos.forEach(i -> sorts.add(i.id()));
        Optional<String> q = Params.text(ctx, "q");
        String sort = Params.choice(ctx, "sort", "student", sorts);
        boolean desc = Params.descending(ctx);
        int page = Params.page(ctx);
        GradebookGrid.Grid g =
                grid.grid(new GradebookGrid.Request(q, sort, desc, page), Assignments.rules(infos), courses);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q.orElse(""));
        params.put("sort", sort);
        params.put("dir", desc ? "desc" : "asc");
        Layout.send(
                ctx,
                "gradebook",
                new GradebookPage(
                        v,
                        infos,
                        g,
                        q.orElse(""),
                        sort,
                        desc,
                        v.page("gradebook"),
                        params,
                        page,
                        coursePage.taughtBy(v, infos)));
    }

    private static List<String> courseNames(List<AssignmentInfo> infos) {
        return infos.stream().map(i -> i.key().course()).distinct().toList();
    }

    /** What gradebook.jte shows: one page of students × assignments. */
    record GradebookPage(
            Viewer v,
            List<AssignmentInfo> infos,
            GradebookGrid.Grid grid,
            String q,
            String sort,
            boolean desc,
            String base,
            Map<String, String> params,
            int page,
            List<CourseAccess.CourseStatus> courses) {

        SortLink sortBy(String key) {
            return SortLink.of(base, params, key, sort, desc);
        }

        Paging.Links paging() {
            return Paging.links(base, params, page, Paging.pages(grid.matching(), GradebookGrid.PAGE_SIZE));
        }

        /** A student's counted grade on an assignment, or null. */
        ScoreRow cell(String student, AssignmentInfo info) {
            return grid.cells().getOrDefault(student, Map.of()).get(info.id());
        }

        /** A student's points over the assignments with a grade. */
        String total(String student) {
            Map<String, ScoreRow> cells = grid.cells().getOrDefault(student, Map.of());
            double total = 0;
            double max = 0;
            for (AssignmentInfo i : infos) {
                ScoreRow r = cells.get(i.id());
                if (r != null) {
                    total += r.score();
                    max += r.maxScore();
                }
            }
            return Format.score(total, max);
        }

        String dir() {
            return desc ? "desc" : "asc";
        }
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
        GradebookGrid.Standings st =
                grid.standings(info.id(), info.rule(), new GradebookGrid.Request(q, sort, desc, page), status);
        boolean released = releases.released(info.id());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q.orElse(""));
        params.put("status", status.orElse(""));
        params.put("sort", sort);
        params.put("dir", desc ? "desc" : "asc");
        int[] bins = Histogram.bins(grid.fractions(info.id(), info.rule()));
        String base = v.page("gradebook/" + info.path());
        Layout.send(
                ctx,
                "standings",
                new StandingsPage(
                        v,
                        info,
                        st,
                        q.orElse(""),
                        status.orElse(""),
                        sort,
                        desc,
                        base,
                        params,
                        page,
                        released,
                        environment.of(v, info.key()).orElse(null),
                        monitor.countsOf(info.id()),
                        Histogram.chart("Score distribution of " + info.title(), bins),
                        passbacks(info.id())));
    }

    /**
     * What standings.jte shows: one assignment's facts, actions, score distribution, and one page
     * of its students' counted grades per question.
     *
     * @param environment the environment line, or null without environments
     * @param passbacks the latest LTI deliveries, or null without LTI
     */
    record StandingsPage(
            Viewer v,
            AssignmentInfo info,
            GradebookGrid.Standings standings,
            String q,
            String status,
            String sort,
            boolean desc,
            String base,
            Map<String, String> params,
            int page,
            boolean released,
            EnvironmentLine.Line environment,
            Map<SubmissionStatus, Long> counts,
            Histogram.Chart chart,
            List<Passback> passbacks) {

        SortLink sortBy(String key) {
            return SortLink.of(base, params, key, sort, desc);
        }

        Paging.Links paging() {
            return Paging.links(base, params, page, Paging.pages(standings.matching(), GradebookGrid.PAGE_SIZE));
        }

        String policy() {
            return info.policy().name().toLowerCase(Locale.ROOT);
        }

        String regradeBody() {
            return "{\"assignment\": \"" + info.id() + "\"}";
        }

        String releaseBody() {
            return "{\"released\": " + !released + "}";
        }

        String csv() {
            return Paging.url(v.api("gradebook.csv"), Map.of("assignment", info.id()));
        }

        /** A question's points in a counted grade, or a dash when that grade has no such test. */
        String points(ScoreRow row, String question) {
            Double p = standings
                    .perQuestion()
                    .getOrDefault(row.submissionId(), Map.of())
                    .get(question);
            return p == null ? "—" : Format.number(p);
        }

        String dir() {
            return desc ? "desc" : "asc";
        }
    }

    private List<Passback> passbacks(String assignment) {
        return passbacks
                .map(p -> p.status(assignment, null, null, QueueMonitor.LIST_LIMIT))
                .orElse(null);
    }

    /** What the queue page shows. */
    record QueueModel(
            Viewer v,
            QueueStats stats,
            String oldest,
            List<QueueMonitor.Entry> running,
            List<QueueMonitor.Entry> retrying,
            List<QueueMonitor.Entry> failures) {}

    private void queue(Context ctx, Viewer v) {
        QueueStats stats = store.stats();
        String oldest = stats.oldestQueued()
                .map(t -> Format.time(t) + " (waiting " + Format.duration(Duration.between(t, clock.instant())) + ")")
                .orElse("none waiting");
        Layout.send(
                ctx,
                "queue",
                new QueueModel(v, stats, oldest, monitor.running(), monitor.retrying(), monitor.recentFailures()));
    }
}
