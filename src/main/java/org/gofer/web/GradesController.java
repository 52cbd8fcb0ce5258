package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.StringWriter;
import java.util.Optional;
import org.gofer.gradebook.Gradebook;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.Caller;

/** {@code GET {prefix}api/gradebook.csv}: the gradebook as CSV, for instructors. */
public final class GradesController implements RouteModule {
    private final Gradebook gradebook;

    public GradesController(Gradebook gradebook) {
        this.gradebook = gradebook;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "api/gradebook.csv", this::export);
    }

    private void export(Context ctx) {
        Caller caller = AuthGate.caller(ctx);
        if (!caller.instructor()) {
            throw new AccessDeniedException("only instructors may export the gradebook");
        }
        Optional<String> assignment =
                Optional.ofNullable(ctx.queryParam("assignment")).filter(a -> !a.isBlank());
        StringWriter csv = new StringWriter();
        gradebook.exportCsv(csv, assignment);
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"gofer-gradebook.csv\"")
                .header("Cache-Control", "no-store")
                .result(csv.toString());
    }
}
