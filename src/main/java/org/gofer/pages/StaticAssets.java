package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.gofer.web.NotFoundException;

/** Serves the pages' stylesheet and script from the class path; nothing is fetched from elsewhere. */
final class StaticAssets {
    private static final Map<String, String> FILES = Map.of(
            "gofer.css", "text/css; charset=utf-8",
            "gofer.js", "text/javascript; charset=utf-8");
    private final Map<String, byte[]> content = new java.util.HashMap<>();

    StaticAssets() {
        for (String name : FILES.keySet()) {
            try (InputStream in = StaticAssets.class.getResourceAsStream("/pages/static/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("pages/static/" + name + " is missing from the class path");
                }
                content.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(prefix + "pages/static/{file}", this::serve);
    }

    private void serve(Context ctx) {
        String name = ctx.pathParam("file");
        byte[] bytes = content.get(name);
        if (bytes == null) {
            throw new NotFoundException("no such file");
        }
        ctx.contentType(FILES.get(name)).header("Cache-Control", "private, max-age=300")
                .header("X-Content-Type-Options", "nosniff").result(bytes);
    }
}
