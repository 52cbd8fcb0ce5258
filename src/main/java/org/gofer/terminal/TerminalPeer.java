package org.gofer.terminal;

/**
 * The browser end of a debug terminal, as the sessions see it: the websocket, without Javalin.
 * Implementations are called from several threads (the shell's output, the idle watchdog).
 */
public interface TerminalPeer {
    /**
     * Sends one text message, waiting (bounded) until it is on its way, so a shell that prints
     * faster than the browser reads is slowed down instead of filling the heap.
     *
     * @throws TerminalPeerGoneException when the browser is gone or does not keep up
     */
    void send(String message);

    /** Closes the connection with a websocket close code and a short reason the page shows. */
    void close(int code, String reason);
}
