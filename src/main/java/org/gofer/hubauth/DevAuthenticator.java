package org.gofer.hubauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.config.AppConfig;

/**
 * Identifies callers by the fixed tokens of {@code GOFER_DEV_USERS}, for running Gofer without a
 * hub (local trials, the CLI, tests). Used only when no {@code JUPYTERHUB_API_URL} is configured.
 * Dev users hold the access scopes; instructors also hold the instructor scope and group.
 * Thread-safe (immutable).
 */
public final class DevAuthenticator implements HubAuthenticator {
    private final AppConfig.Hub hub;

    public DevAuthenticator(AppConfig.Hub hub) {
        this.hub = hub;
    }

    @Override
    public Optional<HubUser> userForToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : hub.devUsers().entrySet()) {
            if (MessageDigest.isEqual(presented, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(userNamed(e.getValue()));
            }
        }
        return Optional.empty();
    }

    private HubUser userNamed(String name) {
        boolean instructor = hub.devInstructors().contains(name);
        List<String> scopes = new java.util.ArrayList<>(hub.accessScopes());
        if (instructor) {
            scopes.add(hub.instructorScope());
        }
        List<String> groups = instructor ? List.of(hub.instructorGroup()) : List.of();
        return new HubUser(name, false, groups, scopes, instructor);
    }
}
