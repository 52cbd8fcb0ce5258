package org.gofer;

/** Root of Gofer's unchecked exceptions; each stage wraps library exceptions at its boundary. */
public abstract class GoferException extends RuntimeException {
    protected GoferException(String message) {
        super(message);
    }

    protected GoferException(String message, Throwable cause) {
        super(message, cause);
    }
}
