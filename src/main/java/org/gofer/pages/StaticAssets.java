package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.gofer.web.NotFoundException;

/**
 * Serves the pages' stylesheet and scripts from the class path; nothing is fetched from elsewhere.
 * The debug terminal's xterm.js comes from its WebJar (a Maven dependency), found through the
 * WebJar's own {@code pom.properties} so that a version bump in the POM is all it takes.
 */
final class StaticAssets {
    private static final String CSS = "text/css; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final Map<String, String> OURS = Map.of(
            "gofer.css", CSS,
            "gofer.js", JS,
            "terminal.js", JS);
    /** Served name → the file inside its WebJar: {@code artifact/path}. */
    private static final Map<String, String> WEBJARS = Map.of(
            "xterm.js", "xterm/lib/xterm.js",
            "xterm.css", "xterm/css/xterm.css",
            "xterm-addon-fit.js", "xterm-addon-fit/lib/xterm-addon-fit.js");

    private final Map<String, byte[]> content = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();

    StaticAssets() {
        OURS.forEach((name, type) -> add(name, type, "/pages/static/" + name));
        WEBJARS.forEach((name, file) -> {
            String artifact = file.substring(0, file.indexOf('/'));
            add(
                    name,
                    name.endsWith(".css") ? CSS : JS,
                    "/META-INF/resources/webjars/" + artifact + "/" + webJarVersion(artifact)
                            + file.substring(artifact.length()));
        });
    }

    private void add(String name, String type, String resource) {
        content.put(name, read(resource));
        types.put(name, type);
    }

    private static String webJarVersion(String artifact) {
        Properties pom = new Properties();
        String resource = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path (the WebJar dependency)");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        ctx.contentType(types.get(name))
                .header("Cache-Control", "private, max-age=300")
                .header("X-Content-Type-Options", "nosniff")
                .result(bytes);
    }
}
