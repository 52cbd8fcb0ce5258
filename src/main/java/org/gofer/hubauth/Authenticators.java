package org.gofer.hubauth;

import java.time.Clock;
import java.util.Optional;
import org.gofer.config.AppConfig;

/**
 * Picks how callers are identified: through the hub when {@code JUPYTERHUB_API_URL} is set
 * (behind the token cache), else the fixed dev tokens of {@code GOFER_DEV_USERS}.
 *
 * @param authenticator resolves tokens
 * @param hubClient the hub client for the OAuth flow; empty without a hub
 */
public record Authenticators(HubAuthenticator authenticator, Optional<JupyterHubClient> hubClient) {
    /** Bounds the token cache; a course's active users fit many times over. */
    public static final int CACHE_ENTRIES = 10_000;

    public static Authenticators forConfig(AppConfig.Hub hub, Clock clock) {
        if (hub.apiUrl().isEmpty()) {
            return new Authenticators(new DevAuthenticator(hub), Optional.empty());
        }
        JupyterHubClient client = new JupyterHubClient(hub);
        return new Authenticators(
                new CachingAuthenticator(client, hub.cacheLifetime(), CACHE_ENTRIES, clock), Optional.of(client));
    }
}
