package org.gofer.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.gofer.leaderboard.DisplayName;
import org.gofer.leaderboard.DisplayNames;
import org.gofer.web.BadRequestException;
import org.gofer.web.RequestBodies;

/**
 * {@code GET/PUT/DELETE {prefix}api/me/display-name}: the caller reads, chooses or removes the
 * name they appear under on leaderboards. Only ever the caller's own name; writes from a browser
 * pass the auth gate's XSRF check first. Thread-safe.
 */
final class DisplayNameApi {
    private final DisplayNames names;

    DisplayNameApi(DisplayNames names) {
        this.names = names;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        String path = prefix + "api/me/display-name";
        config.routes.get(path, ctx -> current(ctx, Viewer.of(ctx, prefix)));
        config.routes.put(path, ctx -> choose(ctx, Viewer.of(ctx, prefix)));
        config.routes.delete(path, ctx -> {
            names.clear(Viewer.of(ctx, prefix).name());
            answer(ctx, null);
        });
    }

    private void current(Context ctx, Viewer v) {
        answer(ctx, names.of(v.name()).map(DisplayName::text).orElse(null));
    }

    private void choose(Context ctx, Viewer v) {
        JsonNode body = RequestBodies.jsonObject(ctx);
        if (!body.path("display_name").isTextual()) {
            throw new BadRequestException("send {\"display_name\": \"the name to show\"}; DELETE removes it");
        }
        answer(ctx, names.choose(v.name(), body.get("display_name").asText()).text());
    }

    private static void answer(Context ctx, String name) {
        ctx.header("Cache-Control", "no-store").json(new LeaderboardResponses.ChosenName(name));
    }
}
