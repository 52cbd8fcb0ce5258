package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gofer.assignment.AssignmentConfigException;
import org.gofer.assignment.AssignmentKey;
import org.gofer.environment.AssignmentEnvironments;
import org.gofer.environment.BuildRecord;
import org.gofer.environment.EnvironmentStatus;
import org.gofer.environment.EnvironmentUnavailableException;
import org.gofer.hubauth.AccessDeniedException;

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
        ctx.header("Cache-Control", "no-store").json(view(key, status, prefix));
    }

    private void rebuild(Context ctx, String prefix) {
        AssignmentKey key = instructorsAssignment(ctx);
        try {
            EnvironmentStatus status = environments
                    .rebuild(key)
                    .orElseThrow(() -> new ConflictResponse(
                            "the assignment has no environment to build (no requirements.txt, no \"environment\" in "
                                    + "assignment.json)"));
            ctx.status(202).header("Cache-Control", "no-store").json(view(key, status, prefix));
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
        if (!Callers.of(ctx).instructor()) {
            throw new AccessDeniedException("only instructors may see and build assignments' environments");
        }
        return AssignmentKey.of(ctx.pathParam("course"), ctx.pathParam("section"), ctx.pathParam("name"));
    }

    static Map<String, Object> view(AssignmentKey key, EnvironmentStatus s, String prefix) {
        String base =
                prefix + "api/assignments/" + key.course() + "/" + key.section() + "/" + key.name() + "/environment";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("assignment", key.toString());
        out.put("status", s.status().wireName());
        out.put("image", s.image());
        out.put("hash", s.record().map(BuildRecord::hash).orElse(null));
        out.put(
                "spec",
                s.spec()
                        .map(spec -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("base", spec.base());
                            m.put("apt", spec.apt());
                            m.put("requirements", spec.requirementsPath().orElse(null));
                            m.put(
                                    "requirements_text",
                                    spec.hasRequirements()
                                            ? new String(spec.requirements(), java.nio.charset.StandardCharsets.UTF_8)
                                            : null);
                            return m;
                        })
                        .orElse(null));
        out.put(
                "started",
                s.record().flatMap(BuildRecord::started).map(Object::toString).orElse(null));
        out.put(
                "finished",
                s.record().flatMap(BuildRecord::finished).map(Object::toString).orElse(null));
        out.put("error", s.record().flatMap(BuildRecord::error).or(s::problem).orElse(null));
        out.put("log_tail", s.logTail());
        out.put("links", Map.of("self", base, "log", base + "/log"));
        return out;
    }
}
