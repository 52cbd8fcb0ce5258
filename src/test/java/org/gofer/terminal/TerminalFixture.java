package org.gofer.terminal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.gofer.GoferService;
import org.gofer.assignment.AssignmentKey;
import org.gofer.config.AppConfig;
import org.gofer.sandbox.DockerClients;
import org.jdbi.v3.core.Jdbi;

/**
 * The service as {@code gofer serve} assembles it, on port 0 with real Docker, the real grading
 * image and a fresh gradebook but no grading workers, its
 * terminals on short limits; callers by the service's own dev authentication ({@link #PROF} an
 * instructor, {@link #ALICE} a student). One submission of alice's to c8/s1/lab01 (tests q1, q2).
 */
final class TerminalFixture implements AutoCloseable {
    static final String PREFIX = "/services/gofer/";
    static final String PROF = "prof-token-5b5b";
    static final String ALICE = "alice-token-1a1a";
    static final String IMAGE = "gofer-grader:latest";

    final String deployment = "it-terminal-" + UUID.randomUUID().toString().substring(0, 8);
    /** For looking at the fixture's containers; the service has its own client. */
    final DockerClient docker = DockerClients.fromEnvironment();

    final GoferService service;
    final Jdbi jdbi;
    final TerminalSessions sessions;
    final long submission;
    final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    TerminalFixture(Path root, AppConfig.Terminal terminal) throws IOException {
        Path lab = root.resolve("tests/c8/s1/lab01");
        Files.createDirectories(lab.resolve("tests"));
        Files.writeString(lab.resolve("tests/q1.py"), "test = {'name': 'q1', 'points': 1}\n");
        Files.writeString(lab.resolve("tests/q2.py"), "test = {'name': 'q2', 'points': 1}\n");
        Files.writeString(lab.resolve("data.csv"), "x,y\n1,2\n");
        // No grading workers: the one submission stays queued while instructors debug it.
        AppConfig config = new AppConfig(
                root.resolve("tests"),
                root.resolve("gradebook.db"),
                root.resolve("data"),
                0,
                new AppConfig.Web("127.0.0.1", 0, PREFIX),
                new AppConfig.Hub(
                        Optional.empty(),
                        "",
                        "service-gofer",
                        PREFIX + "oauth_callback",
                        List.of("access:services"),
                        "instructors",
                        "custom:gofer:instruct",
                        Duration.ofSeconds(30),
                        Map.of(PROF, "prof", ALICE, "alice"),
                        Set.of("prof")),
                new AppConfig.Sandbox(IMAGE, deployment, 256, 0.5, 64, Duration.ofSeconds(60), 32),
                new AppConfig.Intake(1 << 20, Optional.empty()),
                new AppConfig.Lti(Optional.empty(), Map.of()),
                terminal,
                AppConfig.Pip.none());
        service = GoferService.assemble(config);
        jdbi = service.jdbi();
        sessions = service.terminals().orElseThrow();
        submission = service.store()
                .accept("alice", AssignmentKey.parse("c8/s1/lab01"), notebook(), "test")
                .id();
        service.start();
    }

    private static byte[] notebook() {
        return """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"gofer": {"course": "c8", "section": "s1", "assignment": "lab01"}},
                 "cells": [{"cell_type": "code", "source": "x = 1", "metadata": {}, "execution_count": null,
                            "outputs": []}]}""".getBytes(StandardCharsets.UTF_8);
    }

    String origin() {
        return "http://127.0.0.1:" + service.port();
    }

    URI socket(long submissionId) {
        return URI.create(
                "ws://127.0.0.1:" + service.port() + PREFIX + "api/submissions/" + submissionId + "/terminal");
    }

    /** Opens the websocket as the given caller; {@code origin} null sends none. */
    Screen connect(String token, String origin) {
        Screen screen = new Screen();
        WebSocket.Builder b = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .header("Authorization", "token " + token);
        if (origin != null) {
            b.header("Origin", origin);
        }
        screen.socket = b.buildAsync(socket(submission), screen)
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
        return screen;
    }

    /** The HTTP status of a refused upgrade, or 101 when it was accepted. */
    int upgradeStatus(String token, String origin, long submissionId) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "token " + token);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        try {
            WebSocket ws = b.buildAsync(socket(submissionId), new Screen())
                    .orTimeout(60, TimeUnit.SECONDS)
                    .join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    java.net.http.HttpResponse<String> get(String relative, String token) throws IOException, InterruptedException {
        return http.send(
                java.net.http.HttpRequest.newBuilder(URI.create(origin() + PREFIX + relative))
                        .header("Authorization", "token " + token)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Containers of this fixture's deployment that carry a debug-session label. */
    List<String> debugContainers() {
        return docker
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("gofer.deployment", deployment, "gofer.debug-session", ""))
                .exec()
                .stream()
                .map(c -> c.getNames()[0])
                .toList();
    }

    @Override
    public void close() {
        service.close();
        docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("gofer.deployment", deployment))
                .exec()
                .forEach(c ->
                        docker.removeContainerCmd(c.getId()).withForce(true).exec());
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One websocket's received terminado messages, in order, and how it closed. */
    static final class Screen implements WebSocket.Listener {
        private static final ObjectMapper JSON = new ObjectMapper();
        final List<String> messages = new ArrayList<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket socket;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public synchronized CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }

        synchronized List<String> messages() {
            return List.copyOf(messages);
        }

        /** Everything the shell printed so far, from the stdout messages. */
        synchronized String text() {
            StringBuilder b = new StringBuilder();
            for (String m : messages) {
                try {
                    var node = JSON.readTree(m);
                    if (node.get(0).asText().equals("stdout")) {
                        b.append(node.get(1).asText());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + m, e);
                }
            }
            return b.toString();
        }

        void send(String json) {
            socket.sendText(json, true).orTimeout(10, TimeUnit.SECONDS).join();
        }

        void type(String keys) {
            send("[\"stdin\", " + JSON.valueToTree(keys) + "]");
        }

        /** Waits (bounded) until a line of the shell's output, stripped, equals {@code line}. */
        String awaitLine(String line, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                String text = text();
                if (text.lines().anyMatch(l -> l.strip().equals(line))) {
                    return text;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no line '" + line + "' within " + timeout + ":\n" + text());
        }
    }
}
