package org.gofer.hubauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers what the hub said about a token for a short lifetime, so that a burst of requests
 * costs one hub call, while a revoked token stops working within that lifetime. Keys are the
 * SHA-256 of the token (the token itself is never kept as a key); at most {@code maxEntries} are
 * kept, least recently used first out. Unknown tokens are cached too, which shields the hub from
 * a flood of bad ones. Thread-safe (one lock; the hub call happens outside it).
 */
public final class CachingAuthenticator implements HubAuthenticator {
    private final HubAuthenticator delegate;
    private final Duration lifetime;
    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Entry> entries;

    public CachingAuthenticator(HubAuthenticator delegate, Duration lifetime, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.lifetime = lifetime;
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public Optional<HubUser> userForToken(String token) {
        if (lifetime.isZero() || lifetime.isNegative()) {
            return delegate.userForToken(token);
        }
        String key = sha256(token);
        Instant now = clock.instant();
        synchronized (entries) {
            Entry hit = entries.get(key);
            if (hit != null && now.isBefore(hit.expires())) {
                return hit.user();
            }
            entries.remove(key);
        }
        Optional<HubUser> user = delegate.userForToken(token);
        synchronized (entries) {
            entries.put(key, new Entry(user, now.plus(lifetime)));
            evict(now);
        }
        return user;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void evict(Instant now) {
        if (entries.size() <= maxEntries) {
            return;
        }
        entries.values().removeIf(e -> !now.isBefore(e.expires()));
        var it = entries.entrySet().iterator();
        while (entries.size() > maxEntries && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record Entry(Optional<HubUser> user, Instant expires) {}
}
