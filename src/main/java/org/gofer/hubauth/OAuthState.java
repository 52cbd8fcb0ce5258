package org.gofer.hubauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The OAuth {@code state}: an unguessable value, bound to the browser by a cookie, that also
 * carries where to go after sign-in. Where to go is always a local path under the service prefix,
 * so the login endpoint cannot be used as an open redirect.
 */
public final class OAuthState {
    private OAuthState() {}

    /** A new state that returns to {@code next} (already checked with {@link #safeNext}). */
    public static String create(String next) {
        return SessionStore.randomToken() + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(next.getBytes(StandardCharsets.UTF_8));
    }

    /** The return path a state carries, re-checked; the prefix when it carries none or a bad one. */
    public static String nextOf(String state, String prefix) {
        int dot = state.indexOf('.');
        if (dot < 0) {
            return prefix;
        }
        try {
            String next = new String(Base64.getUrlDecoder().decode(state.substring(dot + 1)), StandardCharsets.UTF_8);
            return safeNext(next, prefix).orElse(prefix);
        } catch (IllegalArgumentException e) {
            return prefix;
        }
    }

    /**
     * Accepts only a path (with optional query) under {@code prefix}: no scheme, no host, no
     * {@code //} or backslash tricks, no dot segments, no control characters.
     */
    public static Optional<String> safeNext(String next, String prefix) {
        if (next == null || next.isEmpty() || next.length() > 2048) {
            return Optional.empty();
        }
        String bare = prefix.substring(0, prefix.length() - 1);
        String path = next.contains("?") ? next.substring(0, next.indexOf('?')) : next;
        String lower = path.toLowerCase(Locale.ROOT);
        boolean underPrefix = path.startsWith(prefix) || path.equals(bare);
        boolean tricky = next.startsWith("//")
                || next.indexOf('\\') >= 0
                || lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")
                || path.contains("/./")
                || path.contains("/../")
                || path.endsWith("/..")
                || path.endsWith("/.")
                || path.contains("//")
                || next.chars().anyMatch(c -> c < 0x21 || c > 0x7e);
        return underPrefix && !tricky ? Optional.of(next) : Optional.empty();
    }
}
