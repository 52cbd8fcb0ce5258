package org.gofer.pages;

import io.javalin.http.Context;

/**
 * Sends every page (framed by layout.jte: head, navigation, the stylesheet and script) with a
 * Content-Security-Policy that allows only this service's own script and styles (no inline
 * script), so even a missed escape could not run code. Stateless.
 */
final class Layout {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

    private Layout() {}

    /** Sends {@code template}.jte, a page that frames itself with layout.jte, filled from {@code model}. */
    static void send(Context ctx, String template, Object model) {
        sendHtml(ctx, Templates.render(template, model));
    }

    private static void sendHtml(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store")
                .result(page);
    }
}
