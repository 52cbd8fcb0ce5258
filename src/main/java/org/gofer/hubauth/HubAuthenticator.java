package org.gofer.hubauth;

import java.util.Optional;

/**
 * Turns a hub token (an API token or the access token from the OAuth flow) into the user who
 * holds it. Implementations are thread-safe.
 */
public interface HubAuthenticator {

    /**
     * @param token the caller's token, never logged
     * @return the user, or empty when the hub does not know the token (unknown, expired, revoked)
     * @throws HubUnavailableException when the hub could not answer
     */
    Optional<HubUser> userForToken(String token);
}
