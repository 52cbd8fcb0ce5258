package org.gofer.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.JavalinConfig;
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
            Links links = new Links(
                    prefix + "submit",
                    prefix + "api/submissions",
                    prefix + "api/session",
                    caller.teachesSomeCourse() ? prefix + "api/gradebook.csv" : null);
            ctx.json(new Index("gofer", caller.name(), caller.instructor(), links));
        });
    }

    /** Who is calling, and where the API lives. */
    record Index(String service, String user, boolean instructor, Links links) {}

    /** The API's entry points; {@code gradebook} only for instructors and course staff (left out otherwise). */
    record Links(
            String submit,
            String submissions,
            String session,
            @JsonInclude(JsonInclude.Include.NON_NULL) String gradebook) {}
}
