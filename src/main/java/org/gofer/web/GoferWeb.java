package org.gofer.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gofer.config.AppConfig;
import org.gofer.hubauth.Authenticators;
import org.gofer.hubauth.CallerResolver;
import org.gofer.hubauth.CourseDirectory;
import org.gofer.hubauth.SessionStore;

/** The web server with hub authentication (OAuth sign-in, the index) in front of the features' routes. */
public final class GoferWeb {
    /** A browser session lasts at most a working day; after it the browser silently signs in again. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    static final int MAX_SESSIONS = 10_000;

    private GoferWeb() {}

    /**
     * @param features the routes of the service's features (health, submissions, grades, LTI, pages...)
     * @param extraPublicPaths their paths, relative to the prefix, that need no hub credentials
     * @param courses who belongs to which course, behind every caller's course checks
     */
    public static WebServer create(
            AppConfig config,
            Clock clock,
            List<RouteModule> features,
            Set<String> extraPublicPaths,
            CourseDirectory courses) {
        Authenticators auth = Authenticators.forConfig(config.hub(), clock);
        SessionStore sessions = new SessionStore(SESSION_LIFETIME, MAX_SESSIONS, clock);
        CallerResolver resolver =
                new CallerResolver(auth.authenticator(), sessions, config.hub().accessScopes(), courses);
        List<RouteModule> modules = new ArrayList<>(List.of(
                new OAuthController(
                        auth.hubClient(), resolver, sessions, config.hub().clientId()),
                new IndexController()));
        modules.addAll(features);
        return new WebServer(config, resolver, modules, extraPublicPaths);
    }
}
