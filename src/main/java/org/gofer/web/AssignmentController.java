package org.gofer.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentConfigException;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.UnknownAssignmentException;
import org.gofer.hubauth.Caller;
import org.gofer.submission.AttemptStatus;
import org.gofer.submission.SubmissionStore;

/**
 * {@code GET {prefix}api/assignments}: the assignments of the courses the caller may take, and
 * {@code GET {prefix}api/assignments/{course}/{section}/{name}}: one of them with the caller's
 * standing against its submission limits, which the Submit button shows before a submission.
 * Another course's assignment is 403 while the course is closed to the caller.
 */
public final class AssignmentController implements RouteModule {
    private final AssignmentCatalog catalog;
    private final SubmissionStore store;

    public AssignmentController(AssignmentCatalog catalog, SubmissionStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "api/assignments", this::list);
        config.routes.get(prefix + "api/assignments/{course}/{section}/{name}", this::show);
    }

    private void list(Context ctx) {
        Caller caller = AuthGate.caller(ctx);
        List<AssignmentView> out = catalog.list().stream()
                .filter(k -> caller.mayTake(k.course()))
                .map(k -> view(caller, k))
                .toList();
        ctx.header("Cache-Control", "no-store").json(new AssignmentList(out));
    }

    private void show(Context ctx) {
        Caller caller = AuthGate.caller(ctx);
        AssignmentKey key = AssignmentKey.of(ctx.pathParam("course"), ctx.pathParam("section"), ctx.pathParam("name"));
        caller.requireMayTake(key.course());
        if (!catalog.exists(key)) {
            throw new NotFoundException(new UnknownAssignmentException(key).getMessage());
        }
        ctx.header("Cache-Control", "no-store").json(view(caller, key));
    }

    private AssignmentView view(Caller caller, AssignmentKey key) {
        Assignment.Settings settings;
        try {
            settings = catalog.settings(key);
        } catch (AssignmentConfigException e) {
            return new AssignmentView(
                    key.toString(), key.name(), null, null, "assignment.json cannot be read: " + e.getMessage());
        }
        Attempts attempts = null;
        if (settings.attempts().limited() && !caller.mayTeach(key.course())) {
            AttemptStatus s = store.attempts(caller.name(), key, settings.attempts());
            attempts = new Attempts(
                    s.used(),
                    s.max().orElse(null),
                    s.remaining().orElse(null),
                    settings.attempts().minInterval().map(d -> d.toSeconds()).orElse(null),
                    s.nextAllowedAt().orElse(null),
                    !s.exhausted() && s.nextAllowedAt().isEmpty());
        }
        return new AssignmentView(
                key.toString(), settings.title(), settings.deadline().orElse(null), attempts, null);
    }

    record AssignmentList(List<AssignmentView> assignments) {}

    /**
     * One assignment for its student.
     *
     * @param attempts the caller's standing against its limits; absent when it has none (or for its staff)
     * @param problem why its settings cannot be read; absent when they can
     */
    record AssignmentView(
            String assignment,
            String title,
            Instant deadline,
            @JsonInclude(JsonInclude.Include.NON_NULL) Attempts attempts,
            @JsonInclude(JsonInclude.Include.NON_NULL) String problem) {}

    /**
     * @param used submissions made
     * @param max the most allowed, or null without a maximum
     * @param remaining how many are left, or null without a maximum
     * @param minIntervalSeconds the wait between submissions, or null
     * @param nextAllowedAt when the next is allowed, or null when it is allowed now (or none are left)
     * @param mayNow whether a submission now would be accepted
     */
    record Attempts(
            int used, Integer max, Integer remaining, Long minIntervalSeconds, Instant nextAllowedAt, boolean mayNow) {}
}
