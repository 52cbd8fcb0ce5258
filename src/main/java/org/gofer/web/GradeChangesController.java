package org.gofer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.gofer.Json;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.Extension;
import org.gofer.gradebook.GradeChange;
import org.gofer.gradebook.GradeChanges;
import org.gofer.gradebook.ScoreRow;
import org.gofer.gradebook.StudentGrades;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.Caller;

/**
 * A student's grade on one assignment and instructors' changes to it, under
 * {@code {prefix}api/assignments/{course}/{section}/{name}/}:
 * {@code PUT|DELETE extensions/{user}}, {@code PUT|DELETE overrides/{user}} and
 * {@code GET grades/{user}}. Translates HTTP only; {@link GradeChanges} checks and writes.
 */
public final class GradeChangesController implements RouteModule {

    private final GradeChanges changes;
    private final StudentGrades grades;

    public GradeChangesController(GradeChanges changes, StudentGrades grades) {
        this.changes = changes;
        this.grades = grades;
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        String a = prefix + "api/assignments/{course}/{section}/{name}/";
        config.routes.put(a + "extensions/{user}", this::grantExtension);
        config.routes.delete(a + "extensions/{user}", this::revokeExtension);
        config.routes.put(a + "overrides/{user}", this::override);
        config.routes.delete(a + "overrides/{user}", this::clearOverride);
        config.routes.get(a + "grades/{user}", this::grade);
    }

    /**
     * The one rule for who may change grades: the instructors and the staff of the assignment's course.
     */
    private static Caller teacher(Context ctx, AssignmentKey key) {
        Caller caller = AuthGate.caller(ctx);
        caller.requireMayTeach(key.course(), "change grades of " + key);
        return caller;
    }

    private void grantExtension(Context ctx) {
        AssignmentKey key = key(ctx);
        Caller caller = teacher(ctx, key);
        JsonNode body = RequestBodies.jsonObject(ctx);
        Instant due = instant(body, "due_at")
                .orElseThrow(() -> new BadRequestException("\"due_at\" is required (an ISO-8601 instant)"));
        Extension e = changes.grantExtension(
                key, ctx.pathParam("user"), due, instant(body, "cutoff_at"), text(body, "reason"), caller.name());
        ctx.json(new ExtensionView(
                e.username(), e.assignment(), e.dueAt(), e.cutoff().orElse(null), e.reason()));
    }

    private void revokeExtension(Context ctx) {
        AssignmentKey key = key(ctx);
        Caller caller = teacher(ctx, key);
        boolean removed = changes.revokeExtension(key, ctx.pathParam("user"), reason(ctx), caller.name());
        if (!removed) {
            throw new NotFoundException(ctx.pathParam("user") + " has no extension on " + key);
        }
        ctx.status(204);
    }

    private void override(Context ctx) {
        AssignmentKey key = key(ctx);
        Caller caller = teacher(ctx, key);
        JsonNode body = RequestBodies.jsonObject(ctx);
        GradeChanges.Amount amount;
        if (body.has("points") == body.has("adjust")) {
            throw new BadRequestException("send either \"points\" (the new points) or \"adjust\" (points to add)");
        } else if (body.has("points")) {
            amount = new GradeChanges.Amount.Points(number(body, "points"));
        } else {
            amount = new GradeChanges.Amount.Adjust(number(body, "adjust"));
        }
        ScoreRow now = changes.override(
                key, ctx.pathParam("user"), question(body), amount, text(body, "reason"), caller.name());
        ctx.json(GradeView.of(now));
    }

    private void clearOverride(Context ctx) {
        AssignmentKey key = key(ctx);
        Caller caller = teacher(ctx, key);
        JsonNode body = bodyOrEmpty(ctx);
        Optional<String> question = question(body)
                .or(() -> Optional.ofNullable(ctx.queryParam("question")).filter(q -> !q.isBlank()));
        boolean removed = changes.clearOverride(key, ctx.pathParam("user"), question, reason(ctx), caller.name());
        if (!removed) {
            throw new NotFoundException(ctx.pathParam("user") + " has no such override on " + key);
        }
        ctx.status(204);
    }

    private void grade(Context ctx) {
        AssignmentKey key = key(ctx);
        Caller caller = AuthGate.caller(ctx);
        String user = ctx.pathParam("user");
        if (!caller.maySeeWorkOf(user, key.course())) {
            throw new AccessDeniedException("only instructors may see other users' grades");
        }
        Optional<ScoreRow> counted = grades.counted(key, user);
        GradeChanges.Record record = changes.recordOf(key.toString(), user);
        ctx.header("Cache-Control", "no-store")
                .json(new StudentGradeView(
                        user,
                        key.toString(),
                        counted.map(GradeView::of).orElse(null),
                        record.extension()
                                .map(e -> new ExtensionView(
                                        e.username(),
                                        e.assignment(),
                                        e.dueAt(),
                                        e.cutoff().orElse(null),
                                        e.reason()))
                                .orElse(null),
                        record.overrides().stream()
                                .map(o -> new OverrideView(o.question(), o.points(), o.reason(), o.setBy(), o.setAt()))
                                .toList(),
                        caller.mayTeach(key.course()) ? record.changes() : null));
    }

    /** A counted grade on the wire: the final score and how it came about. */
    record GradeView(
            long submissionId,
            double score,
            double maxScore,
            double rawScore,
            double latePenalty,
            long lateMinutes,
            boolean overridden,
            String status) {
        static GradeView of(ScoreRow r) {
            return new GradeView(
                    r.submissionId(),
                    r.score(),
                    r.maxScore(),
                    r.rawScore(),
                    r.penalty(),
                    r.lateMillis() / 60_000,
                    r.overridden(),
                    r.status());
        }
    }

    record ExtensionView(String user, String assignment, Instant dueAt, Instant cutoffAt, String reason) {}

    record OverrideView(String question, double points, String reason, String setBy, Instant setAt) {}

    /** {@code changes} (the audit log) only for instructors. */
    record StudentGradeView(
            String user,
            String assignment,
            GradeView grade,
            ExtensionView extension,
            List<OverrideView> overrides,
            List<GradeChange> changes) {}

    private static AssignmentKey key(Context ctx) {
        return AssignmentKey.of(ctx.pathParam("course"), ctx.pathParam("section"), ctx.pathParam("name"));
    }

    private static Optional<String> question(JsonNode body) {
        JsonNode q = body.path("question");
        if (q.isMissingNode() || q.isNull()) {
            return Optional.empty();
        }
        if (!q.isTextual() || q.asText().isBlank() || q.asText().length() > 200) {
            throw new BadRequestException("\"question\" must be a question's name (a non-empty string)");
        }
        return Optional.of(q.asText());
    }

    private static String reason(Context ctx) {
        String fromBody = bodyOrEmpty(ctx).path("reason").asText("");
        return fromBody.isBlank()
                ? Optional.ofNullable(ctx.queryParam("reason")).orElse("")
                : fromBody;
    }

    private static Optional<Instant> instant(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        try {
            if (!v.isTextual()) {
                throw new DateTimeParseException("not text", v.toString(), 0);
            }
            return Optional.of(Instant.parse(v.asText()));
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    "\"" + field + "\" must be an ISO-8601 instant like 2026-12-08T23:59:00Z, got " + v);
        }
    }

    private static double number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new BadRequestException("\"" + field + "\" must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        return v.isTextual() ? v.asText() : "";
    }

    private static JsonNode bodyOrEmpty(Context ctx) {
        return ctx.body().isBlank() ? Json.mapper().createObjectNode() : RequestBodies.jsonObject(ctx);
    }
}
