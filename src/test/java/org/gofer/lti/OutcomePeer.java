package org.gofer.lti;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in outcome service ({@code src/test/resources/lti/outcome_service.py}) as a
 * subprocess: it verifies requests with Debian's python3-oauthlib, not with Gofer's code.
 */
public final class OutcomePeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OutcomePeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the peer for one consumer; {@code port} 0 picks a free one. */
    public static OutcomePeer start(String key, String secret, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                PYTHON,
                script("outcome_service.py").toString(),
                "--consumer",
                key + ":" + secret,
                "--port",
                Integer.toString(port));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (java.io.IOException e) {
                            return null;
                        }
                    })
                    .get(15, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("PORT ")) {
                throw new IllegalStateException("outcome peer did not start: " + line);
            }
            return new OutcomePeer(p, Integer.parseInt(line.substring(5).trim()));
        } catch (Exception e) {
            stop(p);
            throw e;
        }
    }

    static Path script(String name) throws Exception {
        return Path.of(OutcomePeer.class.getResource("/lti/" + name).toURI());
    }

    int port() {
        return port;
    }

    public String outcomeUrl() {
        return "http://127.0.0.1:" + port
                + "/courses/course-v1:X+Y+Z/xblock/lti/handler_noauth/outcome_service_handler";
    }

    void control(Map<String, Object> settings) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_control"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(settings)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("control failed: " + r.statusCode());
        }
    }

    /** Every outcome request the peer saw: accepted, sourcedid, score, error, ... */
    public List<Map<String, Object>> received() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_control/received"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readValue(r.body(), new TypeReference<>() {});
    }

    public List<String> acceptedScores() throws Exception {
        return received().stream()
                .filter(m -> Boolean.TRUE.equals(m.get("accepted")))
                .map(m -> (String) m.get("score"))
                .toList();
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
