package org.gofer.web;

import io.javalin.http.Context;

/**
 * Writes the service's cookies with the attributes HubOAuth uses: scoped to the service prefix,
 * HttpOnly, SameSite=Lax (sent on the top-level redirect back from the hub, not on cross-site
 * POSTs). Set-Cookie is written by hand so that every attribute is exactly as intended.
 */
final class Cookies {
    private Cookies() {}

    static void set(Context ctx, String name, String value, String path, int maxAgeSeconds) {
        StringBuilder c = new StringBuilder(name)
                .append('=')
                .append(value)
                .append("; Path=")
                .append(path)
                .append("; HttpOnly; SameSite=Lax");
        if (maxAgeSeconds >= 0) {
            c.append("; Max-Age=").append(maxAgeSeconds);
        }
        if ("https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))
                || ctx.req().isSecure()) {
            c.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", c.toString());
    }

    static void clear(Context ctx, String name, String path) {
        set(ctx, name, "", path, 0);
    }
}
