package org.gofer.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.gofer.config.AppConfig;

/**
 * Answers on Gofer's port while the service is still being assembled (database migrations, Docker,
 * the sweep of leftovers, class loading: seconds on a loaded machine). JupyterHub gives a managed
 * service about ten seconds to answer HTTP at its URL and exits when it does not, so a slow start
 * under load took the whole hub down. A plain JDK server binds at once instead: {@code GET} of the
 * service's root (the hub's probe, or a person opening it) gets a page that says Gofer is starting
 * and reloads itself; everything else gets 503 with {@code Retry-After}, so no submission is ever
 * taken, or said to be taken, before the real service listens. Not used with port 0.
 */
public final class StartingPlaceholder implements AutoCloseable {
    static final String PAGE = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Gofer is starting</title>"
            + "<meta http-equiv=\"refresh\" content=\"2\"></head><body><p>Gofer is starting; this page reloads"
            + " itself in a moment.</p></body></html>\n";
    static final String BUSY = "{\"error\":\"starting\",\"message\":\"Gofer is starting; nothing was received."
            + " Try again in a few seconds.\"}\n";

    private final HttpServer server;

    private StartingPlaceholder(HttpServer server) {
        this.server = server;
    }

    /** Listens on the configured address at once; empty when the port is chosen by the system (0). */
    public static Optional<StartingPlaceholder> listen(AppConfig.Web web) {
        if (web.port() == 0) {
            return Optional.empty();
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(web.host(), web.port()), 64);
            String root = web.prefix();
            server.createContext("/", exchange -> answer(exchange, root));
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "gofer-starting");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return Optional.of(new StartingPlaceholder(server));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + web.host() + ":" + web.port() + ": " + e.getMessage(), e);
        }
    }

    private static void answer(HttpExchange exchange, String root) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readNBytes(64 * 1024); // a small body is read away, a large one is cut off
            String path = exchange.getRequestURI().getPath();
            boolean page = exchange.getRequestMethod().equals("GET")
                    && (path.equals(root) || path.equals(root.substring(0, root.length() - 1)));
            byte[] body = (page ? PAGE : BUSY).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .set("Content-Type", page ? "text/html; charset=utf-8" : "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (!page) {
                exchange.getResponseHeaders().set("Retry-After", "5");
            }
            exchange.sendResponseHeaders(page ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops listening at once, so the real service can bind the port. */
    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
