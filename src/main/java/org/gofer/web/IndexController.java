package org.gofer.web;

import io.javalin.config.JavalinConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gofer.hubauth.Caller;

/**
 * {@code GET {prefix}}: who the caller is and where the API lives. Without credentials the gate
 * answers first (401, or the OAuth redirect for a browser), which is also what the hub's
 * start-up probe sees: quick and below 500.
 */
public final class IndexController implements RouteModule {
    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix, ctx -> {
            Caller caller = AuthGate.caller(ctx);
            Map<String, String> links = new LinkedHashMap<>();
            links.put("submit", prefix + "submit");
            links.put("submissions", prefix + "api/submissions");
            links.put("session", prefix + "api/session");
            if (caller.instructor()) {
                links.put("gradebook", prefix + "api/gradebook.csv");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service", "gofer");
            body.put("user", caller.name());
            body.put("instructor", caller.instructor());
            body.put("links", links);
            ctx.json(body);
        });
    }
}
