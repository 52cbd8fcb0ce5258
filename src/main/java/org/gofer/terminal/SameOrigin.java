package org.gofer.terminal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Stops cross-site websocket hijacking: browsers send cookies with a websocket upgrade from any
 * site, and no CORS check applies, so the upgrade is refused unless its {@code Origin} is this
 * service's own origin, i.e. the address the browser reached it at: the {@code Host} header (the
 * hub's proxy keeps it), a proxy's {@code X-Forwarded-Host}, or the configured public URL
 * ({@code GOFER_PUBLIC_URL}). A page cannot set any of these headers on a websocket. A missing or
 * opaque ({@code null}) Origin is refused. Immutable.
 */
final class SameOrigin {
    private final Optional<URI> publicUrl;

    SameOrigin(Optional<URI> publicUrl) {
        this.publicUrl = publicUrl;
    }

    /**
     * @param origin the request's {@code Origin} header
     * @param host its {@code Host} header
     * @param forwardedHost its {@code X-Forwarded-Host} header (the first entry counts)
     */
    boolean allows(String origin, String host, String forwardedHost) {
        Optional<Authority> from = parseOrigin(origin);
        if (from.isEmpty()) {
            return false;
        }
        Authority o = from.get();
        if (publicUrl
                .map(u -> Authority.of(u.getScheme(), u.getHost(), u.getPort()))
                .filter(o::equals)
                .isPresent()) {
            return true;
        }
        return matchesHost(o, host) || (forwardedHost != null && matchesHost(o, forwardedHost.split(",")[0].strip()));
    }

    private static boolean matchesHost(Authority origin, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        try {
            URI u = new URI(origin.scheme() + "://" + hostHeader.strip());
            return origin.equals(Authority.of(origin.scheme(), u.getHost(), u.getPort()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Optional<Authority> parseOrigin(String origin) {
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return Optional.empty();
        }
        try {
            URI u = new URI(origin.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(Authority.of(u.getScheme(), u.getHost(), u.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Scheme, host and port, with the scheme's default port filled in. */
    private record Authority(String scheme, String host, int port) {
        static Authority of(String scheme, String host, int port) {
            String s = scheme.toLowerCase(Locale.ROOT);
            int p = port != -1 ? port : (s.equals("https") ? 443 : 80);
            return new Authority(s, host == null ? "" : host.toLowerCase(Locale.ROOT), p);
        }
    }
}
