package org.gofer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gofer.lti.LaunchRejectedException;
import org.gofer.lti.LtiBinding;
import org.gofer.lti.LtiException;
import org.gofer.lti.LtiLaunchService;
import org.gofer.lti.Passback;
import org.gofer.lti.PassbackAttempt;
import org.gofer.lti.PassbackOutbox;
import org.gofer.lti.PassbackStatus;

/**
 * LTI routes: {@code POST {prefix}lti/launch} (an HTML page for the student, whatever happens) and
 * the instructors' passback views under {@code {prefix}api/lti/}:
 * <ul>
 *   <li>{@code GET api/lti/passbacks?assignment=&user=&status=} the newest passback of every
 *       student and target;</li>
 *   <li>{@code GET api/lti/passbacks/{id}} one passback and its audit log;</li>
 *   <li>{@code POST api/lti/passbacks/{id}/resend} queue the student's current score again;</li>
 *   <li>{@code GET api/lti/bindings?assignment=&user=} launches seen.</li>
 * </ul>
 * Only translates HTTP; the work is in {@link LtiLaunchService} and {@link PassbackOutbox}.
 */
public final class LtiRoutes implements RouteModule {
    private static final int LIST_LIMIT = 5000;

    /**
     * Decides whether the caller is an instructor. WebServer passes its hub authentication here;
     * it may throw its own authentication exception (mapped to 401 by WebServer) when there is no
     * valid token, and returns false for a student (answered 403 here).
     */
    @FunctionalInterface
    public interface InstructorCheck {
        boolean isInstructor(Context ctx);
    }

    /** Paths (relative to the prefix) WebServer must leave open: the LMS signs the launch, not the hub. */
    public static final java.util.Set<String> PUBLIC_PATHS = java.util.Set.of("lti/launch");

    private final LtiLaunchService launches;
    private final PassbackOutbox outbox;
    private final InstructorCheck instructors;

    public LtiRoutes(LtiLaunchService launches, PassbackOutbox outbox, InstructorCheck instructors) {
        this.launches = launches;
        this.outbox = outbox;
        this.instructors = instructors;
    }

    /** The routes behind WebServer's {@link AuthGate}: instructors as the hub says. */
    public static LtiRoutes withHubAuth(LtiLaunchService launches, PassbackOutbox outbox) {
        return new LtiRoutes(launches, outbox, ctx -> AuthGate.caller(ctx).instructor());
    }

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        config.routes.post(prefix + "lti/launch", this::launch);
        config.routes.get(prefix + "api/lti/passbacks", ctx -> {
            if (instructor(ctx)) {
                ctx.json(outbox
                        .status(
                                blank(ctx.queryParam("assignment")),
                                blank(ctx.queryParam("user")),
                                status(ctx.queryParam("status")),
                                LIST_LIMIT)
                        .stream()
                        .map(PassbackView::of)
                        .toList());
            }
        });
        config.routes.get(prefix + "api/lti/passbacks/{id}", ctx -> {
            if (instructor(ctx)) {
                Optional<PassbackOutbox.PassbackHistory> h = outbox.history(id(ctx));
                if (h.isEmpty()) {
                    ctx.status(404).json(new ErrorResponse("no such passback"));
                } else {
                    ctx.json(PassbackDetail.of(h.get()));
                }
            }
        });
        config.routes.post(prefix + "api/lti/passbacks/{id}/resend", ctx -> {
            if (instructor(ctx)) {
                try {
                    long newId = outbox.resend(id(ctx));
                    ctx.status(202).json(new Resent(newId, PassbackStatus.PENDING.dbValue()));
                } catch (LtiException e) {
                    ctx.status(404).json(new ErrorResponse(e.getMessage()));
                }
            }
        });
        config.routes.get(prefix + "api/lti/bindings", ctx -> {
            if (instructor(ctx)) {
                ctx.json(
                        outbox
                                .bindings(
                                        blank(ctx.queryParam("assignment")), blank(ctx.queryParam("user")), LIST_LIMIT)
                                .stream()
                                .map(BindingView::of)
                                .toList());
            }
        });
    }

    private void launch(Context ctx) {
        try {
            LtiLaunchService.LaunchResult r = launches.launch(ctx.formParamMap(), ctx.queryString());
            LtiBinding b = r.binding();
            String grades = b.acceptsGrades()
                    ? "<p>Your scores for this assignment will be sent back to your course.</p>"
                    : "<p>This course link does not take grades, so scores stay in Gofer.</p>";
            page(
                    ctx,
                    200,
                    "You are ready to work on " + b.assignment(),
                    "<p>Your course account is linked to the hub user <b>" + html(b.username()) + "</b> for "
                            + "assignment <b>" + html(b.assignment()) + "</b>.</p>" + grades
                            + "<p>Work on the notebook in the hub and press <i>Submit</i> when you are done:</p>"
                            + "<p><a href=\"" + html(r.hubUrl()) + "\">Open the hub</a></p>");
        } catch (LaunchRejectedException e) {
            page(
                    ctx,
                    e.status(),
                    "This launch was not accepted",
                    "<p>" + html(e.getMessage()) + "</p><p>Nothing was recorded. If this keeps happening, "
                            + "tell your course staff what this page says.</p>");
        }
    }

    private boolean instructor(Context ctx) {
        if (instructors.isInstructor(ctx)) {
            return true;
        }
        ctx.status(403).json(new ErrorResponse("only instructors can see LTI passbacks"));
        return false;
    }

    private static void page(Context ctx, int status, String title, String body) {
        ctx.status(status)
                .contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .result("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title)
                        + "</title></head><body><h1>" + html(title) + "</h1>" + body + "</body></html>");
    }

    static String html(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;")
                        .replace("'", "&#39;");
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static PassbackStatus status(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return PassbackStatus.fromDb(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** JSON of a passback row (times as ISO-8601 strings). */
    public record PassbackView(
            long id,
            String protocol,
            String consumerKey,
            String endpointUrl,
            String sourcedid,
            String user,
            String assignment,
            Long submissionId,
            String origin,
            String score,
            String status,
            int attempts,
            String nextAttemptAt,
            String createdAt,
            String updatedAt,
            String deliveredAt,
            Long supersededBy,
            Integer lastHttp,
            String lastCodeMajor,
            String lastError) {
        static PassbackView of(Passback p) {
            return new PassbackView(
                    p.id(),
                    p.target().protocol(),
                    p.target().consumerKey(),
                    p.target().endpointUrl(),
                    p.target().recipientId(),
                    p.username(),
                    p.assignment(),
                    p.submissionId(),
                    p.origin(),
                    p.score(),
                    p.status().dbValue(),
                    p.attempts(),
                    p.status() == PassbackStatus.PENDING ? time(p.nextAttemptAt()) : null,
                    time(p.createdAt()),
                    time(p.updatedAt()),
                    time(p.deliveredAt()),
                    p.supersededBy(),
                    p.lastHttp(),
                    p.lastCodeMajor(),
                    p.lastError());
        }
    }

    /** JSON of one audit-log line. */
    public record AttemptView(
            int attempt,
            String attemptedAt,
            String messageId,
            String bodySha1,
            Integer httpStatus,
            String codeMajor,
            String description,
            String outcome,
            long latencyMillis) {
        static AttemptView of(PassbackAttempt a) {
            return new AttemptView(
                    a.attempt(),
                    time(a.attemptedAt()),
                    a.messageId(),
                    a.bodySha1(),
                    a.httpStatus(),
                    a.codeMajor(),
                    a.description(),
                    a.outcome(),
                    a.latencyMillis());
        }
    }

    /** JSON of one passback with its audit log. */
    public record PassbackDetail(PassbackView passback, List<AttemptView> attempts) {
        static PassbackDetail of(PassbackOutbox.PassbackHistory h) {
            return new PassbackDetail(
                    PassbackView.of(h.passback()),
                    h.attempts().stream().map(AttemptView::of).toList());
        }
    }

    /** The 202 answer to a resend: the new passback's id, pending until the worker delivers it. */
    public record Resent(long id, String status) {}

    /** JSON of a launch binding. */
    public record BindingView(
            long id,
            String consumerKey,
            String resourceLinkId,
            String lmsUserId,
            String user,
            String assignment,
            boolean acceptsGrades,
            String outcomeUrl,
            String sourcedid,
            String roles,
            String firstLaunchAt,
            String lastLaunchAt,
            int launches) {
        static BindingView of(LtiBinding b) {
            return new BindingView(
                    b.id(),
                    b.consumerKey(),
                    b.resourceLinkId(),
                    b.lmsUserId(),
                    b.username(),
                    b.assignment(),
                    b.acceptsGrades(),
                    b.outcomeUrl(),
                    b.sourcedid(),
                    b.roles(),
                    time(b.firstLaunchAt()),
                    time(b.lastLaunchAt()),
                    b.launches());
        }
    }
}
