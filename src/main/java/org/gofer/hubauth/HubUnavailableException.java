package org.gofer.hubauth;

import org.gofer.GoferException;

/**
 * The hub API did not give a usable answer. {@link #status()} follows HubAuth: 502 when the hub
 * is down or failed (5xx, I/O), 500 when it rejected our request in an unexpected way (a 4xx
 * other than 403, which means a misconfigured service).
 */
public final class HubUnavailableException extends GoferException {
    private final int status;

    public HubUnavailableException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
