package org.gofer.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.config.AppConfig;
import org.gofer.gradebook.Gradebook;
import org.gofer.gradebook.ReleaseFlags;
import org.gofer.hubauth.Authenticators;
import org.gofer.hubauth.CallerResolver;
import org.gofer.hubauth.SessionStore;
import org.gofer.submission.NotebookParser;
import org.gofer.submission.SubmissionStore;
import org.jdbi.v3.core.Jdbi;

/** Wires the web stage for {@code Main} and the tests: authentication, the core routes, then extra modules. */
public final class GoferWeb {
    /** A browser session lasts at most a working day; after it the browser silently signs in again. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    static final int MAX_SESSIONS = 10_000;

    private GoferWeb() {}

    /**
     * @param dockerHealthy the sandbox's health check for {@code GET {prefix}health}
     * @param extraModules more routes (LTI, pages)
     * @param extraPublicPaths their paths, relative to the prefix, that need no hub credentials
     */
    public static WebServer create(AppConfig config, Jdbi jdbi, SubmissionStore store, Gradebook gradebook,
            AssignmentCatalog catalog, BooleanSupplier dockerHealthy, Clock clock, List<RouteModule> extraModules,
            Set<String> extraPublicPaths) {
        Authenticators auth = Authenticators.forConfig(config.hub(), clock);
        SessionStore sessions = new SessionStore(SESSION_LIFETIME, MAX_SESSIONS, clock);
        CallerResolver resolver = new CallerResolver(auth.authenticator(), sessions, config.hub().accessScopes());
        long maxBody = config.intake().maxBodyBytes();
        List<RouteModule> modules = new ArrayList<>(List.of(
                new HealthController(jdbi, dockerHealthy),
                new OAuthController(auth.hubClient(), resolver, sessions, config.hub().clientId()),
                new IndexController(),
                new SubmissionController(new NotebookParser(maxBody, config.intake().defaultCourse()), catalog,
                        store, gradebook, new ReleaseFlags(jdbi, clock), maxBody),
                new GradesController(gradebook)));
        modules.addAll(extraModules);
        return new WebServer(config, resolver, modules, extraPublicPaths);
    }
}
