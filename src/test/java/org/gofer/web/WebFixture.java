package org.gofer.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.gofer.GoferService;
import org.gofer.config.AppConfig;
import org.gofer.hubauth.StandInHub;
import org.gofer.hubauth.TestHubConfig;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.sandbox.SandboxUnavailableException;
import org.jdbi.v3.core.Jdbi;

/**
 * The service on port 0, assembled as {@code gofer serve} assembles it but without Docker and
 * without grading workers, with a fresh, migrated SQLite gradebook, one assignment
 * (c8/s1/lab01) and a stand-in hub that knows alice, bob, an instructor and an outsider.
 * Everything written to stderr (where the service logs) is captured for the token checks.
 */
final class WebFixture implements AutoCloseable {
    static final String PREFIX = "/services/gofer/";
    static final String ALICE = "alice-token-6f1d2c";
    static final String BOB = "bob-token-77ab90";
    static final String PROF = "prof-token-c3c3c3";
    static final String OUTSIDER = "outsider-token-9e9e";
    static final long MAX_BODY = 64 * 1024;

    final StandInHub hub = new StandInHub(TestHubConfig.CLIENT_ID, TestHubConfig.SECRET, TestHubConfig.CALLBACK);
    final Path root;
    final Jdbi jdbi;
    final AtomicBoolean dockerHealthy = new AtomicBoolean(true);
    final GoferService service;
    final HttpClient http;
    final CookieManager cookies = new CookieManager();
    final ObjectMapper json = new ObjectMapper();
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    WebFixture(Path root, Duration cacheLifetime) {
        this(root, cacheLifetime, null);
    }

    /** @param sandbox what grades validations (no worker grades submissions); null: a sandbox that grades nothing */
    WebFixture(Path root, Duration cacheLifetime, SandboxRunner sandbox) {
        System.setErr(new PrintStream(new TeeStream(originalErr, captured), true, StandardCharsets.UTF_8));
        this.root = root;
        hub.addToken(ALICE, "alice", false, List.of("students"), List.of("access:services!service=gofer"));
        hub.addToken(BOB, "bob", false, List.of("students"), List.of("access:services!service=gofer"));
        hub.addToken(
                PROF,
                "prof",
                false,
                List.of("instructors"),
                List.of("access:services!service=gofer", "custom:gofer:instruct"));
        hub.addToken(OUTSIDER, "outsider", false, List.of(), List.of("read:users:name!user=outsider"));
        write(root.resolve("tests/c8/s1/lab01/tests/q1.py"), "test = {'name': 'q1', 'points': 1}\n");
        // No worker runs: submissions stay queued, and the sandbox only answers the health check.
        AppConfig config = new AppConfig(
                root.resolve("tests"),
                root.resolve("gradebook.db"),
                root.resolve("data"),
                0,
                new AppConfig.Web("127.0.0.1", 0, PREFIX),
                TestHubConfig.hub(Optional.of(hub.apiUrl()), cacheLifetime),
                new AppConfig.Sandbox("gofer-grader:test", "test", 512, 1, 64, Duration.ofSeconds(60), 64),
                new AppConfig.Intake(MAX_BODY, Optional.empty()),
                new AppConfig.Lti(Optional.empty(), Map.of()),
                AppConfig.Terminal.defaults(),
                AppConfig.Pip.none());
        this.service = GoferService.assemble(
                        config,
                        GoferService.Overrides.none()
                                .withSandbox(
                                        sandbox != null
                                                ? sandbox
                                                : new SandboxRunner() {
                                                    @Override
                                                    public SandboxOutcome run(SandboxJob job) {
                                                        throw new SandboxUnavailableException(
                                                                "the web tests grade nothing", null);
                                                    }

                                                    @Override
                                                    public boolean healthy() {
                                                        return dockerHealthy.get();
                                                    }
                                                }))
                .start();
        this.jdbi = service.jdbi();
        this.http = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    String url(String relative) {
        return "http://127.0.0.1:" + service.port() + PREFIX + relative;
    }

    HttpRequest.Builder request(String relative) {
        return HttpRequest.newBuilder(URI.create(url(relative))).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String relative, String token) {
        return send(request(relative)
                .header("Authorization", "token " + token)
                .GET()
                .build());
    }

    HttpResponse<String> postJson(String relative, String token, String body) {
        return send(request(relative)
                .header("Authorization", "token " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    JsonNode body(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    int submissionRows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM submissions")
                .mapTo(Integer.class)
                .one());
    }

    long storedFiles() {
        Path data = root.resolve("data");
        if (!Files.exists(data)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logs() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    static String notebook(String course, String section, String assignment) {
        return """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"gofer": {"course": "%s", "section": "%s", "assignment": "%s"}},
                 "cells": [{"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": []}]}""".formatted(course, section, assignment);
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        service.close();
        hub.close();
        System.setErr(originalErr);
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
