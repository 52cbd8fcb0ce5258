package org.gofer.hubauth;

import java.util.Optional;

/**
 * What a request presented: a token ({@code ?token=} or the {@code Authorization} header) or the
 * id of a session created by the OAuth flow. A token wins over the cookie, as in HubAuth.
 */
public record Credentials(Optional<String> token, Optional<String> sessionId) {

    public static Credentials none() {
        return new Credentials(Optional.empty(), Optional.empty());
    }

    public boolean isEmpty() {
        return token.isEmpty() && sessionId.isEmpty();
    }
}
