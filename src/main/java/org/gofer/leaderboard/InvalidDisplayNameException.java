package org.gofer.leaderboard;

import org.gofer.GoferException;

/** A display name breaks the rules of {@link DisplayName} (HTTP 400); the message says which. */
public final class InvalidDisplayNameException extends GoferException {
    public InvalidDisplayNameException(String message) {
        super(message);
    }
}
