package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gofer.assignment.AssignmentConfigException;
import org.gofer.assignment.AssignmentKey;
import org.gofer.environment.AssignmentEnvironments;
import org.gofer.environment.EnvironmentStatus;
import org.gofer.environment.EnvironmentUnavailableException;

/**
 * An assignment's grading environment, for instructors: {@code GET
 * {prefix}api/assignments/{c}/{s}/{a}/environment} (status, image, hash, spec, times, log tail),
 * {@code POST} the same path to build it again from scratch, and {@code GET .../environment/log}
 * for the whole build log as plain text.
 */
public final class EnvironmentController implements RouteModule {
    private final AssignmentEnvironments environments;

    public EnvironmentController(AssignmentEnvironments environments) {
        this.environments = environments;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        String path = prefix + "api/assignments/{course}/{section}/{name}/environment";
        config.routes.get(path, ctx -> show(ctx, prefix));
        config.routes.post(path, ctx -> rebuild(ctx, prefix));
        config.routes.get(path + "/log", this::log);
    }

    private void show(Context ctx, String prefix) {
        AssignmentKey key = instructorsAssignment(ctx);
        EnvironmentStatus status;
        try {
            status = environments.status(key);
        } catch (AssignmentConfigException e) {
            throw new ConflictResponse(e.getMessage());
        }
        ctx.header("Cache-Control", "no-store").json(EnvironmentView.of(key, status, prefix));
    }

    private void rebuild(Context ctx, String prefix) {
        AssignmentKey key = instructorsAssignment(ctx);
        try {
            EnvironmentStatus status = environments
                    .rebuild(key)
                    .orElseThrow(() -> new ConflictResponse(
                            "the assignment has no environment to build (no requirements.txt, no \"environment\" in "
                                    + "assignment.json)"));
            ctx.status(202).header("Cache-Control", "no-store").json(EnvironmentView.of(key, status, prefix));
        } catch (AssignmentConfigException | EnvironmentUnavailableException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    private void log(Context ctx) throws IOException {
        AssignmentKey key = instructorsAssignment(ctx);
        Path file;
        try {
            file = environments
                    .log(key)
                    .orElseThrow(
                            () -> new NotFoundException(
                                    "no build log: the assignment's environment has not been built since its spec last changed"));
        } catch (AssignmentConfigException e) {
            throw new ConflictResponse(e.getMessage());
        }
        // Plain text that a browser must not interpret: build output holds whatever packages print.
        ctx.contentType("text/plain; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cache-Control", "no-store");
        try (InputStream in = Files.newInputStream(file)) {
            ctx.result(in.readAllBytes());
        }
    }

    private static AssignmentKey instructorsAssignment(Context ctx) {
        AssignmentKey key = AssignmentKey.of(ctx.pathParam("course"), ctx.pathParam("section"), ctx.pathParam("name"));
        Callers.of(ctx).requireMayTeach(key.course(), "see and build its assignments' environments");
        return key;
    }
}
