package org.gofer.terminal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.gofer.sandbox.DebugShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open debug terminal: relays the browser's terminado messages to the shell and the shell's
 * output back, remembers the last keystroke for the idle limit, and ends exactly once, for the
 * first reason that comes (the shell exits, the browser leaves, a limit is reached, the service
 * stops): the container is removed, the log is told, and the browser gets a last line saying why.
 * Thread-safe: the browser, the shell's output thread and the watchdog all call in.
 */
public final class TerminalSession implements DebugShell.Listener {
    /** Normal closure, as websockets define it. */
    static final int CLOSE_NORMAL = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(TerminalSession.class);

    /** Told once when the session has ended and its container is gone. */
    interface Ending {
        void ended(TerminalSession session, EndReason reason);
    }

    private final long id;
    private final long submissionId;
    private final String instructor;
    private final TerminalPeer peer;
    private final Clock clock;
    private final Instant startedAt;
    private final Ending ending;
    private final Utf8Chunks utf8 = new Utf8Chunks();
    private final AtomicReference<EndReason> endReason = new AtomicReference<>();
    private volatile DebugShell shell;
    private volatile Instant lastInput;

    TerminalSession(long id, long submissionId, String instructor, TerminalPeer peer, Clock clock, Ending ending) {
        this.id = id;
        this.submissionId = submissionId;
        this.instructor = instructor;
        this.peer = peer;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.lastInput = startedAt;
        this.ending = ending;
    }

    public long id() {
        return id;
    }

    long submissionId() {
        return submissionId;
    }

    String instructor() {
        return instructor;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant lastInput() {
        return lastInput;
    }

    boolean hasEnded() {
        return endReason.get() != null;
    }

    /** The container's name, once the shell runs. */
    String containerName() {
        DebugShell s = shell;
        return s == null ? "(none)" : s.containerName();
    }

    /** Hands over the started shell; a session that ended meanwhile closes it at once. */
    void attach(DebugShell started) {
        shell = started;
        if (endReason.get() != null) {
            started.close();
        }
    }

    /** One message from the browser: keystrokes or a new size; anything else is ignored. */
    public void receive(String message) {
        DebugShell s = shell;
        if (s == null || endReason.get() != null) {
            return;
        }
        TerminadoMessages.parse(message).ifPresent(m -> {
            if (m instanceof TerminadoMessages.Stdin stdin) {
                lastInput = clock.instant();
                if (!s.write(stdin.data().getBytes(StandardCharsets.UTF_8))) {
                    LOG.debug("debug terminal {}: the shell is not reading; input dropped", id);
                }
            } else if (m instanceof TerminadoMessages.SetSize size) {
                s.resize(size.rows(), size.cols());
            }
        });
    }

    @Override
    public void output(byte[] bytes) {
        String text = utf8.decode(bytes);
        if (text.isEmpty() || endReason.get() != null) {
            return;
        }
        try {
            peer.send(TerminadoMessages.stdout(text));
        } catch (TerminalPeerGoneException e) {
            end(EndReason.CLOSED, e.getMessage());
        }
    }

    @Override
    public void ended() {
        end(EndReason.SHELL_EXITED, "The shell exited; its container was removed.");
    }

    /**
     * Ends the session unless it has ended already: removes the container, tells the log, and
     * (unless the browser is what left) shows {@code message} and closes the socket.
     */
    void end(EndReason reason, String message) {
        if (!endReason.compareAndSet(null, reason)) {
            return;
        }
        DebugShell s = shell;
        if (s != null) {
            s.close();
        }
        ending.ended(this, reason);
        if (reason != EndReason.CLOSED) {
            try {
                peer.send(TerminadoMessages.stdout("\r\n\u001b[1m[Gofer] " + message + "\u001b[0m\r\n"));
                peer.send(TerminadoMessages.disconnect());
            } catch (TerminalPeerGoneException e) {
                LOG.debug("debug terminal {}: the browser left before the last message", id);
            }
            peer.close(CLOSE_NORMAL, closeReason(message));
        }
    }

    /** A websocket close reason has at most 123 bytes. */
    private static String closeReason(String message) {
        String ascii = message.replaceAll("[^\\x20-\\x7e]", "?");
        return ascii.length() > 120 ? ascii.substring(0, 117) + "..." : ascii;
    }
}
