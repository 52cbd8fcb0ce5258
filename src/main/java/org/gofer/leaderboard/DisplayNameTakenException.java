package org.gofer.leaderboard;

import org.gofer.GoferException;

/**
 * Another student chose that display name, or one that differs only in case, or it is another
 * user's hub name (HTTP 409). The message never says whose.
 */
public final class DisplayNameTakenException extends GoferException {
    public DisplayNameTakenException(DisplayName name) {
        super("the display name \"" + name.text() + "\" is taken; choose another");
    }
}
