package org.gofer.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.AuthenticationException;
import org.gofer.hubauth.Caller;
import org.gofer.hubauth.CallerResolver;
import org.gofer.hubauth.Credentials;

/**
 * Runs before every route under the prefix except the public ones: finds the credentials (in
 * HubAuth's order: {@code ?token=}, {@code Authorization: token|bearer}, the session cookie),
 * resolves the caller and stores it on the request. Missing credentials give 401, or a redirect
 * into OAuth for a browser GET. Cookie-authenticated writes must be JSON or multipart and carry
 * the session's {@code X-Gofer-XSRF} header: on one hub every user's server shares the service's
 * origin, so same-origin checks alone would not stop another user's page.
 */
final class AuthGate implements Handler {
    static final String XSRF_HEADER = "X-Gofer-XSRF";
    private static final String CALLER = "gofer.caller";
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)^\\s*(?:token|bearer)\\s+(\\S.*?)\\s*$");

    private final CallerResolver resolver;
    private final String prefix;
    private final String cookieName;
    private final Set<String> publicPaths;
    private final boolean oauthAvailable;

    /**
     * @param publicPaths paths relative to the prefix that need no credentials (health, the OAuth
     *     endpoints, LTI launches that carry their own signature)
     */
    AuthGate(
            CallerResolver resolver,
            String prefix,
            String cookieName,
            Set<String> publicPaths,
            boolean oauthAvailable) {
        this.resolver = resolver;
        this.prefix = prefix;
        this.cookieName = cookieName;
        this.publicPaths = Set.copyOf(publicPaths);
        this.oauthAvailable = oauthAvailable;
    }

    /** The caller of an authenticated route; routes behind the gate always have one. */
    static Caller caller(Context ctx) {
        Caller c = callerOrNull(ctx);
        if (c == null) {
            throw new AuthenticationException("authentication required");
        }
        return c;
    }

    static Caller callerOrNull(Context ctx) {
        return ctx.attribute(CALLER);
    }

    @Override
    public void handle(Context ctx) {
        String path = ctx.path();
        String bare = prefix.substring(0, prefix.length() - 1);
        if (!path.startsWith(prefix) && !path.equals(bare)) {
            return;
        }
        String relative = path.equals(bare) ? "" : path.substring(prefix.length());
        if (publicPaths.contains(relative) || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        Credentials credentials = credentials(ctx);
        Caller caller;
        try {
            caller = resolver.resolve(credentials);
        } catch (AuthenticationException e) {
            if (credentials.token().isEmpty() && credentials.sessionId().isPresent()) {
                Cookies.clear(ctx, cookieName, prefix);
            }
            if (credentials.token().isEmpty() && wantsBrowserRedirect(ctx)) {
                ctx.redirect(loginUrl(ctx), HttpStatus.FOUND);
                ctx.skipRemainingHandlers();
                return;
            }
            throw e;
        }
        if (caller.via() == Caller.Via.COOKIE && !isSafe(ctx.method())) {
            checkBrowserWrite(ctx, caller);
        }
        ctx.attribute(CALLER, caller);
    }

    private void checkBrowserWrite(Context ctx, Caller caller) {
        String type = RequestBodies.mediaType(ctx);
        if (!RequestBodies.isJson(type) && !RequestBodies.isMultipart(type)) {
            throw new AccessDeniedException(
                    "a signed-in browser must send JSON (Content-Type: application/json) " + "or a multipart upload");
        }
        boolean ok = caller.session()
                .map(s -> s.xsrfMatches(ctx.header(XSRF_HEADER)))
                .orElse(false);
        if (!ok) {
            throw new AccessDeniedException("missing or wrong " + XSRF_HEADER + " header: read \"xsrf\" from GET "
                    + prefix + "api/session and send it with every change");
        }
    }

    private Credentials credentials(Context ctx) {
        Optional<String> token = Optional.ofNullable(ctx.queryParam("token")).filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            String header = ctx.header("Authorization");
            if (header != null) {
                Matcher m = AUTHORIZATION.matcher(header);
                if (m.matches()) {
                    token = Optional.of(m.group(1));
                }
            }
        }
        Optional<String> session = Optional.ofNullable(ctx.cookie(cookieName)).filter(s -> !s.isBlank());
        return new Credentials(token, token.isPresent() ? Optional.empty() : session);
    }

    private boolean wantsBrowserRedirect(Context ctx) {
        String accept = ctx.header("Accept");
        return oauthAvailable
                && (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD)
                && accept != null
                && accept.contains("text/html");
    }

    private String loginUrl(Context ctx) {
        String query = ctx.queryString();
        String next = ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
        return prefix + "login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    private static boolean isSafe(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
    }
}
