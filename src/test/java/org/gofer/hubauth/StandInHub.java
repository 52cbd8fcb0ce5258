package org.gofer.hubauth;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the JupyterHub 3.0 API on port 0, answering as the real hub was observed to
 * (shared/reference/jupyterhub-service.md): {@code GET /hub/api/user} (403 for unknown tokens),
 * the OAuth authorize redirect for an already signed-in user, and the code exchange with the
 * client credentials in the form body, codes usable once.
 */
public final class StandInHub implements AutoCloseable {
    private static final Pattern AUTH = Pattern.compile("(?i)(?:token|bearer)\\s+(.+)");

    private final Map<String, Map<String, Object>> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger userCalls = new AtomicInteger();
    private final String clientId;
    private final String clientSecret;
    private final String callback;
    private final java.util.Set<String> instructors = ConcurrentHashMap.newKeySet();
    private volatile String signedInUser = "alice";
    private volatile int forcedStatus = 0;
    private final Javalin app;

    public StandInHub(String clientId, String clientSecret, String callback) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.callback = callback;
        this.app = Javalin.create(c -> {
                    c.startup.showJavalinBanner = false;
                    c.routes.get("/hub/api/user", this::user);
                    c.routes.get("/hub/api/oauth2/authorize", this::authorize);
                    c.routes.post("/hub/api/oauth2/token", this::token);
                })
                .start("127.0.0.1", 0);
    }

    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + app.port() + "/hub/api");
    }

    public String origin() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Registers an API token for a user, with the given scopes (the hub's user model). */
    public void addToken(String token, String name, boolean admin, List<String> groups, List<String> scopes) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("kind", "user");
        model.put("name", name);
        model.put("admin", admin);
        model.put("groups", groups);
        model.put("scopes", scopes);
        model.put("session_id", null);
        tokens.put(token, model);
    }

    public void revoke(String token) {
        tokens.remove(token);
    }

    public void signIn(String user) {
        this.signedInUser = user;
    }

    /** Tokens issued by the OAuth flow to this user carry the "instructors" group. */
    public void makeInstructor(String user) {
        instructors.add(user);
    }

    /** Makes {@code /user} answer this status (0 = normal). */
    public void failWith(int status) {
        this.forcedStatus = status;
    }

    public int userCalls() {
        return userCalls.get();
    }

    /** Access tokens issued by the code exchange, oldest first. */
    public List<String> oauthTokens() {
        return List.copyOf(issued);
    }

    public boolean knows(String token) {
        return tokens.containsKey(token);
    }

    private void user(Context ctx) {
        userCalls.incrementAndGet();
        if (forcedStatus != 0) {
            ctx.status(forcedStatus).json(Map.of("status", forcedStatus, "message", "forced"));
            return;
        }
        String header = ctx.header("Authorization");
        Matcher m = header == null ? null : AUTH.matcher(header);
        Map<String, Object> model =
                m != null && m.matches() ? tokens.get(m.group(1).trim()) : null;
        if (model == null) {
            ctx.status(403).json(Map.of("status", 403, "message", "Forbidden"));
            return;
        }
        ctx.json(model);
    }

    private void authorize(Context ctx) {
        if (!clientId.equals(ctx.queryParam("client_id"))
                || !callback.equals(ctx.queryParam("redirect_uri"))
                || !"code".equals(ctx.queryParam("response_type"))) {
            ctx.status(400).result("bad authorize request");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, signedInUser);
        ctx.redirect(callback + "?code=" + code + "&state="
                + URLEncoder.encode(ctx.queryParam("state"), StandardCharsets.UTF_8));
    }

    private void token(Context ctx) {
        if (!clientId.equals(ctx.formParam("client_id")) || !clientSecret.equals(ctx.formParam("client_secret"))) {
            ctx.status(401).json(Map.of("error", "invalid_client"));
            return;
        }
        String user = codes.remove(String.valueOf(ctx.formParam("code")));
        if (user == null
                || !"authorization_code".equals(ctx.formParam("grant_type"))
                || !callback.equals(ctx.formParam("redirect_uri"))) {
            ctx.status(400).json(Map.of("error", "invalid_grant"));
            return;
        }
        String access = UUID.randomUUID().toString().replace("-", "");
        addToken(
                access,
                user,
                false,
                List.of(instructors.contains(user) ? "instructors" : "students"),
                List.of("access:services!service=gofer", "read:users:name!user=" + user));
        issued.add(access);
        ctx.json(Map.of(
                "access_token",
                access,
                "expires_in",
                1209600,
                "token_type",
                "Bearer",
                "scope",
                "access:services!service=gofer"));
    }

    @Override
    public void close() {
        app.stop();
    }
}
