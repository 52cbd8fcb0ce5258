package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.Gradebook;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.Caller;

/** {@code GET {prefix}api/gradebook.csv}: the gradebook as CSV, for instructors and (their courses only) course staff. */
public final class GradesController implements RouteModule {
    private final Gradebook gradebook;

    public GradesController(Gradebook gradebook) {
        this.gradebook = gradebook;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "api/gradebook.csv", this::export);
    }

    /**
     * Global instructors export everything (or one assignment, or one course); a course's staff
     * export their courses only: the assignment or course they name, else every course they teach.
     */
    private void export(Context ctx) {
        Caller caller = AuthGate.caller(ctx);
        Optional<String> assignment =
                Optional.ofNullable(ctx.queryParam("assignment")).filter(a -> !a.isBlank());
        Optional<String> course = Optional.ofNullable(ctx.queryParam("course"))
                .filter(c -> !c.isBlank())
                .map(AssignmentKey::course);
        StringWriter csv = new StringWriter();
        if (assignment.isPresent()) {
            caller.requireMayTeach(AssignmentKey.parse(assignment.get()).course(), "export its grades");
        }
        if (course.isPresent()) {
            caller.requireMayTeach(course.get(), "export its grades");
            gradebook.exportCsv(csv, assignment, List.of(course.get()));
        } else if (caller.instructor()) {
            gradebook.exportCsv(csv, assignment);
        } else {
            List<String> taught = caller.taughtAmong(gradebook.coursesWithSubmissions());
            if (taught.isEmpty() && assignment.isEmpty()) {
                throw new AccessDeniedException("only instructors and course staff may export the gradebook");
            }
            gradebook.exportCsv(csv, assignment, taught);
        }
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"gofer-gradebook.csv\"")
                .header("Cache-Control", "no-store")
                .result(csv.toString());
    }
}
