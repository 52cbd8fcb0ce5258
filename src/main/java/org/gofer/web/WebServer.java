package org.gofer.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gofer.Json;
import org.gofer.config.AppConfig;
import org.gofer.hubauth.CallerResolver;

/**
 * Builds the service's one {@link Javalin}: every route under the prefix, from the given
 * {@link RouteModule}s; the body-size limit and the {@link AuthGate} in front of them (websocket
 * upgrades included); JSON via
 * Jackson (snake_case); one exception-to-status mapping ({@link ErrorMapper}); an access log
 * that never shows a token. Knows no business logic.
 */
public final class WebServer {
    /** Paths (relative to the prefix) any caller may reach: the hub's probe, the OAuth endpoints. */
    public static final Set<String> PUBLIC_PATHS = Set.of("health", "login", "oauth_callback");

    private final AppConfig.Web web;
    private final Javalin app;

    /**
     * @param config the service's settings (prefix, bind address, body limit, cookie name)
     * @param resolver identifies callers
     * @param modules the features' routes
     * @param extraPublicPaths more paths, relative to the prefix, that need no hub credentials
     *     (an LTI launch, signed by the LMS)
     */
    public WebServer(
            AppConfig config, CallerResolver resolver, List<RouteModule> modules, Set<String> extraPublicPaths) {
        this.web = config.web();
        String prefix = web.prefix();
        long maxBody = config.intake().maxBodyBytes();
        Set<String> publicPaths = new HashSet<>(PUBLIC_PATHS);
        publicPaths.addAll(extraPublicPaths);
        AuthGate gate = new AuthGate(
                resolver,
                prefix,
                config.hub().clientId(),
                publicPaths,
                config.hub().apiUrl().isPresent());
        ErrorMapper errors = new ErrorMapper();
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(Json.snakeCase(), false));
            c.http.maxRequestSize = maxBody;
            c.jetty.multipartConfig.maxFileSize(maxBody, SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(maxBody, SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(maxBody, 1 << 20), SizeUnit.BYTES);
            c.requestLogger.http(RequestLog::log);
            c.routes.before(ctx -> RequestBodies.checkDeclaredLength(ctx, maxBody));
            c.routes.before(gate);
            // Websocket upgrades skip the HTTP before-handlers: the gate must see them too.
            c.routes.wsBeforeUpgrade(gate);
            for (RouteModule m : modules) {
                m.addRoutes(c, prefix);
            }
            c.routes.exception(Exception.class, errors::handle);
            c.routes.error(404, ctx -> {
                if (!isJson(ctx)) {
                    ctx.json(new ErrorResponse(
                            "no such endpoint: " + ctx.method() + " " + RequestLog.redact(ctx.path())));
                }
            });
            c.routes.error(405, ctx -> {
                if (!isJson(ctx)) {
                    ctx.json(new ErrorResponse("method " + ctx.method() + " is not allowed here"));
                }
            });
        });
    }

    /** True when a route already answered JSON (its own 404), which the error pages must keep. */
    private static boolean isJson(io.javalin.http.Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    /** Starts listening at the configured host and port (0 = any free port). */
    public WebServer start() {
        app.start(web.host(), web.port());
        return this;
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
