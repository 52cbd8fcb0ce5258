package org.gofer.terminal;

import org.gofer.GoferException;

/** A debug terminal cannot be opened now (all allowed sessions are open, they are turned off, Docker fails). */
public final class TerminalRefusedException extends GoferException {
    public TerminalRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
