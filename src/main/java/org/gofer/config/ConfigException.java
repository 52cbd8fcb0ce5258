package org.gofer.config;

import org.gofer.GoferException;

/** A setting is missing or malformed; the message names the key and says what is expected. */
public final class ConfigException extends GoferException {
    public ConfigException(String message) {
        super(message);
    }
}
