package org.gofer.hubauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Browser sessions created by the OAuth flow. The cookie holds only a random id; the hub access
 * token stays here and is re-validated through the {@link HubAuthenticator} (and its cache) on
 * every request, so logging out of the hub ends the session soon. Each session has its own XSRF
 * token. Kept in memory: after a restart the browser silently goes through OAuth again. At most
 * {@code maxSessions}, oldest out first. Thread-safe.
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration lifetime;
    private final int maxSessions;
    private final Clock clock;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    /**
     * @param id the cookie value
     * @param hubToken the hub access token from the code exchange; never sent to the browser
     * @param xsrf the value cookie-authenticated writes must echo in {@code X-Gofer-XSRF}
     * @param expires when the session ends regardless of the hub
     */
    public record Session(String id, String hubToken, String xsrf, Instant expires) {
        @Override
        public String toString() {
            return "Session[expires=" + expires + "]";
        }

        /** Constant-time comparison of a presented XSRF token with this session's. */
        public boolean xsrfMatches(String presented) {
            return presented != null
                    && MessageDigest.isEqual(
                            presented.getBytes(StandardCharsets.UTF_8), xsrf.getBytes(StandardCharsets.UTF_8));
        }
    }

    public SessionStore(Duration lifetime, int maxSessions, Clock clock) {
        this.lifetime = lifetime;
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    /** Starts a session for a hub access token. */
    public Session create(String hubToken) {
        Instant now = clock.instant();
        Session s = new Session(randomToken(), hubToken, randomToken(), now.plus(lifetime));
        synchronized (sessions) {
            sessions.values().removeIf(old -> !now.isBefore(old.expires()));
            var it = sessions.entrySet().iterator();
            while (sessions.size() >= maxSessions && it.hasNext()) {
                it.next();
                it.remove();
            }
            sessions.put(s.id(), s);
        }
        return s;
    }

    /** The live session with this id, if any. */
    public Optional<Session> find(String id) {
        Instant now = clock.instant();
        synchronized (sessions) {
            Session s = sessions.get(id);
            if (s == null) {
                return Optional.empty();
            }
            if (!now.isBefore(s.expires())) {
                sessions.remove(id);
                return Optional.empty();
            }
            return Optional.of(s);
        }
    }

    public void remove(String id) {
        synchronized (sessions) {
            sessions.remove(id);
        }
    }

    /** 256 random bits, URL- and cookie-safe. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
