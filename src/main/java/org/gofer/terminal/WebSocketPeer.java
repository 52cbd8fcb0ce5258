package org.gofer.terminal;

import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * A {@link TerminalPeer} over a Javalin websocket. Each send waits until Jetty has written the
 * frame, at most {@link #SEND_TIMEOUT}: a browser that stops reading counts as gone. Thread-safe
 * (Jetty queues frames from concurrent senders).
 */
final class WebSocketPeer implements TerminalPeer {
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final WsContext ctx;

    WebSocketPeer(WsContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void send(String message) {
        if (!ctx.session.isOpen()) {
            throw new TerminalPeerGoneException("the browser closed the terminal", null);
        }
        Callback.Completable sent = new Callback.Completable();
        ctx.session.sendText(message, sent);
        try {
            sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TerminalPeerGoneException("the browser connection failed: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new TerminalPeerGoneException("the browser did not read for " + SEND_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TerminalPeerGoneException("interrupted while sending to the browser", e);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (ctx.session.isOpen()) {
            ctx.closeSession(code, reason);
        }
    }
}
