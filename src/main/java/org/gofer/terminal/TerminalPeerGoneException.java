package org.gofer.terminal;

import org.gofer.GoferException;

/** The browser end of a debug terminal is gone or stopped reading. */
public final class TerminalPeerGoneException extends GoferException {
    public TerminalPeerGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
