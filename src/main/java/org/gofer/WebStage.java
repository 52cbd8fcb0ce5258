package org.gofer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gofer.config.AppConfig;
import org.gofer.course.CourseAccess;
import org.gofer.course.CourseFile;
import org.gofer.course.GroupNames;
import org.gofer.course.RosterStore;
import org.gofer.environment.AssignmentEnvironments;
import org.gofer.gradebook.GradeChanges;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.gradebook.StudentGrades;
import org.gofer.gradebook.SubmissionWindow;
import org.gofer.lti.LtiLaunchOptions;
import org.gofer.lti.LtiLaunchService;
import org.gofer.metrics.ServiceMetrics;
import org.gofer.pages.PagesModule;
import org.gofer.submission.NotebookParser;
import org.gofer.terminal.TerminalLog;
import org.gofer.terminal.TerminalRoutes;
import org.gofer.terminal.TerminalSessions;
import org.gofer.web.AssignmentController;
import org.gofer.web.CourseController;
import org.gofer.web.EnvironmentController;
import org.gofer.web.GoferWeb;
import org.gofer.web.GradeChangesController;
import org.gofer.web.GradesController;
import org.gofer.web.HealthController;
import org.gofer.web.LtiRoutes;
import org.gofer.web.MetricsController;
import org.gofer.web.PublicationController;
import org.gofer.web.RouteModule;
import org.gofer.web.SubmissionController;
import org.gofer.web.SubmissionDownloads;
import org.gofer.web.WebServer;

/**
 * The HTTP side: the API, LTI launches, the pages, assignment uploads and publication, metrics, and (with Docker) instructors' debug
 * terminals and the environments' status.
 */
final class WebStage implements AutoCloseable {
    private final WebServer server;
    private final Optional<TerminalSessions> terminals;

    WebStage(
            AppConfig config,
            StoresStage stores,
            SandboxStage sandbox,
            GradingStage grading,
            PublicationStage publication,
            Clock clock) {
        TerminalLog terminalLog = new TerminalLog(stores.jdbi());
        this.terminals = sandbox.debugContainers(config.sandbox().deployment())
                .map(containers -> new TerminalSessions(
                        containers,
                        stores.store(),
                        stores.catalog(),
                        config.sandbox(),
                        config.terminal(),
                        terminalLog,
                        clock,
                        sandbox.environmentResolver()));
        Optional<AssignmentEnvironments> environments = sandbox.environments()
                .map(e -> new AssignmentEnvironments(
                        stores.catalog(), e, config.sandbox().image()));

        RosterStore rosters = new RosterStore(stores.jdbi(), clock);
        CourseAccess courses = new CourseAccess(
                rosters,
                new CourseFile(config.testsDir()),
                new GroupNames(config.hub().courseStudentGroup(), config.hub().courseStaffGroup()));
        List<RouteModule> modules = new ArrayList<>(coreRoutes(config, stores, sandbox, publication, clock));
        modules.add(new CourseController(rosters, courses));
        modules.add(new AssignmentController(stores.catalog(), stores.store()));
        LtiLaunchService launches = new LtiLaunchService(
                stores.jdbi(),
                config.lti(),
                config.web().prefix(),
                LtiLaunchOptions.fromConfig(config.lti()),
                key -> stores.catalog().exists(key)
                        && publication.publications().visibleToStudents(key),
                clock);
        modules.add(LtiRoutes.withHubAuth(launches, stores.outbox()));
        modules.add(new PagesModule(
                stores.jdbi(),
                stores.catalog(),
                stores.store(),
                stores.queue(),
                stores.gradebook(),
                stores.artifacts(),
                Optional.of(stores.outbox()),
                grading.workers()::wake,
                clock,
                environments,
                publication.publications(),
                publication.runs(),
                courses,
                rosters));
        modules.add(new PublicationController(
                stores.catalog(),
                publication.uploads(),
                publication.validator(),
                publication.publications(),
                publication.runs(),
                config.intake().maxBodyBytes()));
        modules.add(new SubmissionDownloads(publication.archive()));
        ServiceMetrics metrics = new ServiceMetrics(
                stores.store()::stats,
                stores.store()::intakeStats,
                stores.gradingMetrics(),
                config.workers(),
                sandbox::warmReady,
                config.sandbox().warmContainers(),
                clock);
        modules.add(new MetricsController(metrics, config.web().metricsPublic()));
        terminals.ifPresent(t -> modules.add(
                new TerminalRoutes(t, terminalLog, stores.store(), config.lti().publicUrl())));
        environments.ifPresent(e -> modules.add(new EnvironmentController(e)));

        Set<String> publicPaths = new HashSet<>(LtiRoutes.PUBLIC_PATHS);
        if (config.web().metricsPublic()) {
            publicPaths.add(MetricsController.PATH);
        }
        this.server = GoferWeb.create(config, clock, modules, publicPaths, courses);
    }

    /** Health, submissions and grades: the JSON API every deployment has. */
    private static List<RouteModule> coreRoutes(
            AppConfig config, StoresStage stores, SandboxStage sandbox, PublicationStage publication, Clock clock) {
        long maxBody = config.intake().maxBodyBytes();
        return List.of(
                new HealthController(stores.jdbi(), sandbox.runner()::healthy),
                new SubmissionController(
                        new NotebookParser(maxBody, config.intake().defaultCourse()),
                        stores.catalog(),
                        stores.store(),
                        stores.gradebook(),
                        new ReleaseFlags(stores.jdbi(), clock),
                        publication.publications(),
                        new SubmissionWindow(stores.jdbi(), stores.catalog(), clock),
                        maxBody),
                new GradesController(stores.gradebook()),
                new GradeChangesController(
                        gradeChanges(stores, clock), new StudentGrades(stores.jdbi(), stores.catalog())));
    }

    /** Extensions and overrides; their new final scores go to the LTI outbox (not to the grading metrics). */
    static GradeChanges gradeChanges(StoresStage stores, Clock clock) {
        return new GradeChanges(stores.jdbi(), stores.catalog(), clock, List.of(stores.outbox()));
    }

    WebServer server() {
        return server;
    }

    Optional<TerminalSessions> terminals() {
        return terminals;
    }

    /** @throws RuntimeException when the port cannot be bound */
    void start() {
        server.start();
        terminals.ifPresent(TerminalSessions::start);
    }

    @Override
    public void close() {
        terminals.ifPresent(TerminalSessions::close); // before the server, so the sessions end as "service_stopping"
        server.stop();
    }
}
