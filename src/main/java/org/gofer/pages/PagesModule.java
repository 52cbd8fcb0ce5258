package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.course.CourseAccess;
import org.gofer.course.RosterStore;
import org.gofer.environment.AssignmentEnvironments;
import org.gofer.gradebook.GradeChanges;
import org.gofer.gradebook.GradeListener;
import org.gofer.gradebook.Gradebook;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.gradebook.StudentGrades;
import org.gofer.grading.GradingArtifacts;
import org.gofer.leaderboard.DisplayNames;
import org.gofer.leaderboard.Leaderboard;
import org.gofer.lti.PassbackOutbox;
import org.gofer.publication.Publications;
import org.gofer.publication.ValidationRuns;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStore;
import org.gofer.terminal.TerminalLog;
import org.gofer.web.RouteModule;
import org.jdbi.v3.core.Jdbi;

/**
 * The pages feature as one {@link RouteModule}: student and instructor pages under
 * {@code {prefix}pages/}, the debug terminal page, assignments' leaderboards and the students' display
 * names, their static files, the instructor JSON endpoints, and a redirect of a
 * browser opening {@code {prefix}} to the dashboard (scripts still get the JSON index).
 */
public final class PagesModule implements RouteModule {
    private final StudentPages student;
    private final SubmissionPage submission;
    private final InstructorPages instructor;
    private final InstructorApi api;
    private final TerminalPage terminal;
    private final LeaderboardPage leaderboard;
    private final DisplayNameApi displayNames;
    private final PublicationPages publication;
    private final CoursePage course;
    private final StudentGradePage studentGrade;
    private final StaticAssets assets = new StaticAssets();

    /**
     * @param passbacks the LTI outbox, for the passback section; empty hides it
     * @param wakeWorkers called after a regrade queued submissions
     * @param environments the assignments' environments, for a line on the assignment page; empty hides it
     * @param publications which assignments are drafts (hidden from students)
     * @param validations the drafts' validations, for the publication page
     * @param courses who may take and teach each course, for the course pages
     * @param rosters the uploaded rosters
     */
    public PagesModule(
            Jdbi jdbi,
            AssignmentCatalog catalog,
            SubmissionStore store,
            SubmissionQueue queue,
            Gradebook gradebook,
            GradingArtifacts artifacts,
            Optional<PassbackOutbox> passbacks,
            Runnable wakeWorkers,
            Clock clock,
            Optional<AssignmentEnvironments> environments,
            Publications publications,
            ValidationRuns validations,
            CourseAccess courses,
            RosterStore rosters) {
        Assignments assignments = new Assignments(catalog, jdbi);
        ReleaseFlags releases = new ReleaseFlags(jdbi, clock);
        GradebookGrid grid = new GradebookGrid(jdbi);
        QueueMonitor monitor = new QueueMonitor(jdbi);
        StudentGrades grades = new StudentGrades(jdbi, catalog);
        // extensions and overrides re-send the final score over LTI, as a recorded grade does
        GradeChanges changes = new GradeChanges(
                jdbi,
                catalog,
                clock,
                passbacks.<List<GradeListener>>map(List::of).orElse(List.of()));
        this.student = new StudentPages(
                assignments,
                new StudentRecords(jdbi),
                releases,
                store,
                gradebook,
                clock,
                publications,
                grades,
                changes);
        this.publication = new PublicationPages(catalog, publications, validations);
        TerminalLog terminals = new TerminalLog(jdbi);
        this.submission = new SubmissionPage(store, gradebook, assignments, releases, artifacts, terminals, changes);
        this.terminal = new TerminalPage(store, terminals);
        this.course = new CoursePage(courses, rosters);
        this.instructor = new InstructorPages(
                assignments,
                grid,
                releases,
                monitor,
                store,
                passbacks,
                clock,
                new EnvironmentLine(environments),
                course);
        this.studentGrade = new StudentGradePage(assignments, grades, changes, store);
        this.api = new InstructorApi(store, queue, assignments, grid, monitor, releases, wakeWorkers);
        DisplayNames names = new DisplayNames(jdbi, clock);
        this.leaderboard = new LeaderboardPage(assignments, new Leaderboard(jdbi), names, releases);
        this.displayNames = new DisplayNameApi(names);
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.before(ctx -> {
            String accept = ctx.header("Accept");
            if (ctx.path().equals(prefix)
                    && ctx.method() == io.javalin.http.HandlerType.GET
                    && accept != null
                    && accept.contains("text/html")) {
                ctx.redirect(prefix + "pages/", HttpStatus.FOUND);
                ctx.skipRemainingHandlers();
            }
        });
        student.addRoutes(config, prefix);
        submission.addRoutes(config, prefix);
        instructor.addRoutes(config, prefix);
        studentGrade.addRoutes(config, prefix);
        api.addRoutes(config, prefix);
        terminal.addRoutes(config, prefix);
        leaderboard.addRoutes(config, prefix);
        displayNames.addRoutes(config, prefix);
        publication.addRoutes(config, prefix);
        course.addRoutes(config, prefix);
        assets.addRoutes(config, prefix);
    }
}
