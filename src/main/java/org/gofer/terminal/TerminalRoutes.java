package org.gofer.terminal;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.Caller;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionStore;
import org.gofer.web.Callers;
import org.gofer.web.NotFoundException;
import org.gofer.web.QueryParams;
import org.gofer.web.RouteModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The debug terminal's HTTP side: the websocket {@code {prefix}api/submissions/{id}/terminal} and
 * {@code GET {prefix}api/terminal-sessions} (the session log, instructors only).
 *
 * <p>Everything is checked <em>before</em> the upgrade, on the plain HTTP request, so a refusal is
 * an ordinary status: the caller (resolved by the auth gate from the hub token or the session
 * cookie, as for every route) must be an instructor (403); the {@code Origin} must be the
 * service's own (403, see {@link SameOrigin}); a cookie-authenticated browser must also send the
 * session's XSRF token as {@code ?xsrf=} (403), as every other browser write does; the submission
 * must exist (404); and a session must be free (503). Thread-safe.
 */
public final class TerminalRoutes implements RouteModule {
    /** The websocket, relative to the prefix. */
    public static final String SOCKET = "api/submissions/{id}/terminal";

    private static final Logger LOG = LoggerFactory.getLogger(TerminalRoutes.class);
    private static final String OPENING = "gofer.terminal.opening";
    /** The websocket close code for "the server could not fulfil the request". */
    private static final int CLOSE_INTERNAL_ERROR = 1011;
    /** Browsers answer pings; Jetty closes a websocket silent for 30 s, and an idle shell is silent. */
    private static final long PING_SECONDS = 15;

    private final TerminalSessions sessions;
    private final TerminalLog log;
    private final SubmissionStore store;
    private final SameOrigin origins;
    private final Map<String, TerminalSession> bySocket = new ConcurrentHashMap<>();

    /** @param publicUrl the hub's public base URL, if configured: one more origin pages may come from */
    public TerminalRoutes(TerminalSessions sessions, TerminalLog log, SubmissionStore store, Optional<URI> publicUrl) {
        this.sessions = sessions;
        this.log = log;
        this.store = store;
        this.origins = new SameOrigin(publicUrl);
    }

    /** What the checked upgrade request asked for, carried to the websocket's connect handler. */
    private record Opening(String instructor, long submissionId) {}

    @Override
    public void addRoutes(JavalinConfig config, String prefix) {
        String socket = prefix + SOCKET;
        config.routes.wsBeforeUpgrade(socket, this::checkUpgrade);
        config.routes.ws(socket, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> {
                TerminalSession session = bySocket.get(ctx.sessionId());
                if (session != null) {
                    session.receive(ctx.message());
                }
            });
            ws.onClose(this::left);
            ws.onError(this::left);
        });
        config.routes.get(prefix + "api/terminal-sessions", this::list);
    }

    private void checkUpgrade(Context ctx) {
        Caller caller = Callers.of(ctx);
        if (!caller.teachesSomeCourse()) {
            throw new AccessDeniedException("only instructors and course staff may open a debug terminal");
        }
        if (!origins.allows(ctx.header("Origin"), ctx.header("Host"), ctx.header("X-Forwarded-Host"))) {
            throw new AccessDeniedException("a debug terminal opens only from this service's own pages (Origin "
                    + ctx.header("Origin") + " does not match)");
        }
        if (caller.via() == Caller.Via.COOKIE
                && !caller.session()
                        .map(s -> s.xsrfMatches(ctx.queryParam("xsrf")))
                        .orElse(false)) {
            throw new AccessDeniedException(
                    "missing or wrong xsrf parameter: the terminal page sends the session's" + " XSRF token");
        }
        long id = submissionId(ctx.pathParam("id"));
        Submission submission = store.find(id).orElseThrow(() -> new NotFoundException("no submission " + id));
        caller.requireMayTeach(submission.course(), "open a debug terminal on its submissions");
        if (!sessions.hasRoom()) {
            throw new ServiceUnavailableResponse(
                    sessions.settings().maxSessions() == 0
                            ? "debug terminals are turned off (GOFER_TERMINAL_MAX_SESSIONS=0)"
                            : sessions.settings().maxSessions()
                                    + " debug terminals are open already, the most allowed at once");
        }
        ctx.attribute(OPENING, new Opening(caller.name(), id));
    }

    private void connected(WsConnectContext ctx) {
        Opening opening = ctx.attribute(OPENING);
        ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
        WebSocketPeer peer = new WebSocketPeer(ctx);
        try {
            TerminalSession session = sessions.open(opening.instructor(), opening.submissionId(), peer);
            bySocket.put(ctx.sessionId(), session);
            if (!ctx.session.isOpen()) {
                left(ctx); // the browser left while the container started
            }
        } catch (TerminalRefusedException e) {
            refuse(peer, e.getMessage());
        } catch (TerminalPeerGoneException e) {
            LOG.debug("the browser left while its terminal was opening: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error(
                    "debug terminal for {} on submission {} failed to open",
                    opening.instructor(),
                    opening.submissionId(),
                    e);
            refuse(peer, "internal error; the service logged it");
        }
    }

    /** Tells the browser why there is no terminal, in the terminal, and closes the socket. */
    private static void refuse(WebSocketPeer peer, String why) {
        try {
            peer.send(TerminadoMessages.stdout("\r\n[Gofer] The terminal could not open: " + why + "\r\n"));
            peer.send(TerminadoMessages.disconnect());
        } catch (TerminalPeerGoneException gone) {
            LOG.debug("the browser left before hearing why its terminal could not open");
        }
        peer.close(CLOSE_INTERNAL_ERROR, "the terminal could not open");
    }

    private void left(WsContext ctx) {
        TerminalSession session = bySocket.remove(ctx.sessionId());
        if (session != null) {
            session.end(EndReason.CLOSED, "The browser closed the terminal.");
        }
    }

    /** The whole log is for global instructors; a course's staff may read one of their submissions' log. */
    private void list(Context ctx) {
        Caller caller = Callers.of(ctx);
        Optional<Long> submission = ctx.queryParam("submission") == null
                ? Optional.empty()
                : Optional.of(QueryParams.number(ctx, "submission", 0, 1, Long.MAX_VALUE));
        if (submission.isPresent() && !caller.instructor()) {
            Submission s = store.find(submission.get())
                    .orElseThrow(() -> new NotFoundException("no submission " + submission.get()));
            caller.requireMayTeach(s.course(), "see the debug terminal log of its submissions");
        } else if (!caller.instructor()) {
            throw new AccessDeniedException("only instructors may see the whole debug terminal log");
        }
        int limit = (int) QueryParams.number(ctx, "limit", 50, 1, 500);
        ctx.json(new TerminalList(
                sessions.openCount(),
                sessions.settings().maxSessions(),
                sessions.settings().idleTimeout().toSeconds(),
                sessions.settings().maxDuration().toSeconds(),
                log.list(submission, limit)));
    }

    /** The instructors' view of debug terminals: how many are open, the limits, the log. */
    record TerminalList(
            int open,
            int maxSessions,
            long idleTimeoutSeconds,
            long maxDurationSeconds,
            List<TerminalRecord> sessions) {}

    private static long submissionId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no submission with that id: ids are numbers");
        }
    }
}
