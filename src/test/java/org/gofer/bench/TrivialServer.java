package org.gofer.bench;

import io.javalin.Javalin;
import java.util.Map;

/**
 * The intake baseline, run as a process of its own: a trivial Javalin endpoint that reads the body and
 * answers 202 with a small JSON. Argument: the loopback port.
 */
public final class TrivialServer {
    private TrivialServer() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Javalin.create(c -> {
                    c.startup.showJavalinBanner = false;
                    c.http.maxRequestSize = 20L * 1024 * 1024;
                    c.routes.post("/submit", ctx -> {
                        byte[] body = ctx.bodyAsBytes();
                        ctx.status(202).json(Map.of("id", body.length, "status", "queued"));
                    });
                })
                .start("127.0.0.1", port);
    }
}
