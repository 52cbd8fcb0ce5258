package org.gofer.pages;

import io.javalin.http.Context;

/**
 * The frame of every page: head, navigation, the stylesheet and script. Sends pages with a
 * Content-Security-Policy that allows only this service's own script and styles (no inline
 * script), so even a missed escape could not run code. Stateless.
 */
final class Layout {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

    private Layout() {}

    static void send(Context ctx, Viewer viewer, String title, Html body) {
        Html nav = Html.of("<a href=\"%s\">My assignments</a>", viewer.page(""));
        if (viewer.instructor()) {
            nav = Html.of("%s<a href=\"%s\">Gradebook</a><a href=\"%s\">Queue</a>", nav, viewer.page("gradebook"),
                    viewer.page("queue"));
        }
        Html page = Html.of("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="gofer-prefix" content="%s">
                <meta name="gofer-xsrf" content="%s">
                <title>%s · Gofer</title>
                <link rel="stylesheet" href="%spages/static/gofer.css">
                <script src="%spages/static/gofer.js" defer></script>
                </head>
                <body>
                <header><a class="brand" href="%s">Gofer</a><nav>%s</nav><span class="who">%s%s</span></header>
                <main>
                <h1>%s</h1>
                %s
                </main>
                </body>
                </html>
                """, viewer.prefix(), viewer.xsrf(), title, viewer.prefix(), viewer.prefix(), viewer.page(""), nav,
                viewer.name(), viewer.instructor() ? " (instructor)" : "", title, body);
        ctx.contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store")
                .result(page.text());
    }
}
