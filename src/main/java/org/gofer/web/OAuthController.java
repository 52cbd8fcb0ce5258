package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.Caller;
import org.gofer.hubauth.CallerResolver;
import org.gofer.hubauth.Credentials;
import org.gofer.hubauth.JupyterHubClient;
import org.gofer.hubauth.OAuthState;
import org.gofer.hubauth.SessionStore;

/**
 * The browser sign-in through the hub (HubOAuth's flow): {@code login} sends the browser to the
 * hub's authorize URL with a state bound to a cookie; {@code oauth_callback} checks the state,
 * exchanges the code, and opens a server-side session whose id goes in the service cookie.
 * {@code api/session} tells the page who it is and its XSRF token.
 */
public final class OAuthController implements RouteModule {
    private static final int STATE_MAX_AGE_SECONDS = 600;

    private final Optional<JupyterHubClient> hub;
    private final CallerResolver resolver;
    private final SessionStore sessions;
    private final String cookieName;

    /**
     * @param hub the hub client; empty when Gofer runs without a hub (then only tokens work)
     * @param cookieName the session cookie's name, the OAuth client id ({@code service-gofer})
     */
    public OAuthController(
            Optional<JupyterHubClient> hub, CallerResolver resolver, SessionStore sessions, String cookieName) {
        this.hub = hub;
        this.resolver = resolver;
        this.sessions = sessions;
        this.cookieName = cookieName;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "login", ctx -> login(ctx, prefix));
        config.routes.get(prefix + "oauth_callback", ctx -> callback(ctx, prefix));
        config.routes.get(prefix + "api/session", ctx -> session(ctx));
    }

    private void login(Context ctx, String prefix) {
        JupyterHubClient client = requireHub();
        String next = OAuthState.safeNext(ctx.queryParam("next"), prefix).orElse(prefix);
        String state = OAuthState.create(next);
        Cookies.set(ctx, stateCookie(), state, prefix, STATE_MAX_AGE_SECONDS);
        ctx.redirect(client.authorizeUrl(state), HttpStatus.FOUND);
    }

    private void callback(Context ctx, String prefix) {
        JupyterHubClient client = requireHub();
        String state = ctx.queryParam("state");
        String expected = ctx.cookie(stateCookie());
        Cookies.clear(ctx, stateCookie(), prefix);
        if (state == null
                || expected == null
                || !MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new AccessDeniedException(
                    "the sign-in state does not match this browser's: start again at " + prefix + "login");
        }
        String code = ctx.queryParam("code");
        if (code == null || code.isBlank()) {
            throw new BadRequestException("the hub sent no sign-in code: start again at " + prefix + "login");
        }
        String token = client.exchangeCode(code)
                .orElseThrow(() -> new AccessDeniedException(
                        "the hub refused the sign-in code (used or expired): start again at " + prefix + "login"));
        resolver.resolve(new Credentials(Optional.of(token), Optional.empty()));
        SessionStore.Session session = sessions.create(token);
        Cookies.set(ctx, cookieName, session.id(), prefix, -1);
        ctx.redirect(OAuthState.nextOf(state, prefix), HttpStatus.FOUND);
    }

    private void session(Context ctx) {
        Caller caller = AuthGate.caller(ctx);
        ctx.header("Cache-Control", "no-store")
                .json(new SessionView(
                        caller.name(),
                        caller.instructor(),
                        caller.via().name().toLowerCase(java.util.Locale.ROOT),
                        caller.session().map(SessionStore.Session::xsrf).orElse(null)));
    }

    /**
     * {@code GET api/session}: who the caller is, how they signed in, and the XSRF token a browser
     * session must send with its writes (null for a token caller).
     */
    record SessionView(String name, boolean instructor, String authVia, String xsrf) {}

    private JupyterHubClient requireHub() {
        return hub.orElseThrow(() -> new NotFoundException(
                "sign-in through JupyterHub is not configured here (no JUPYTERHUB_API_URL): send a token instead"));
    }

    private String stateCookie() {
        return cookieName + "-oauth-state";
    }
}
