package org.gofer.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.GoferService;
import org.gofer.config.AppConfig;
import org.gofer.gradebook.Gradebook;
import org.gofer.hubauth.StandInHub;
import org.gofer.hubauth.TestHubConfig;
import org.jdbi.v3.core.Jdbi;

/**
 * The whole service minus Docker on port 0, assembled as {@code gofer serve} assembles it: a
 * stand-in hub (alice, bob: students; prof: instructor), a fresh gradebook, the assignment
 * c8/s1/lab01 (q1 visible, q2 hidden), and grading workers with {@link AnswerKeyRunner}.
 */
final class PagesFixture implements AutoCloseable {
    static final String PREFIX = "/services/gofer/";
    static final String LAB = "c8/s1/lab01";
    static final String ALICE = "alice-token-6f1d2c";
    static final String BOB = "bob-token-77ab90";
    static final String PROF = "prof-token-c3c3c3";

    final StandInHub hub = new StandInHub(TestHubConfig.CLIENT_ID, TestHubConfig.SECRET, TestHubConfig.CALLBACK);
    final Path root;
    final AnswerKeyRunner runner = new AnswerKeyRunner();
    final GoferService service;
    final Jdbi jdbi;
    final Gradebook gradebook;
    final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final ObjectMapper json = new ObjectMapper();

    PagesFixture(Path root, boolean grading) {
        this.root = root;
        hub.addToken(ALICE, "alice", false, List.of("students"), List.of("access:services!service=gofer"));
        hub.addToken(BOB, "bob", false, List.of("students"), List.of("access:services!service=gofer"));
        hub.addToken(PROF, "prof", false, List.of("instructors"), List.of("access:services!service=gofer"));
        hub.makeInstructor("prof");
        writeTest("q1", "x = 1", false);
        writeTest("q2", "y = 2", true);
        write(
                root.resolve("tests/" + LAB + "/assignment.json"),
                "{\"title\": \"Lab 1: <Expressions>\", \"policy\": \"best\", \"deadline\": \"2030-01-01T00:00:00Z\"}");
        // Without grading no worker runs: submissions stay queued.
        AppConfig config = new AppConfig(
                root.resolve("tests"),
                root.resolve("gradebook.db"),
                root.resolve("data"),
                grading ? 2 : 0,
                new AppConfig.Web("127.0.0.1", 0, PREFIX),
                TestHubConfig.hub(Optional.of(hub.apiUrl()), Duration.ofSeconds(30)),
                new AppConfig.Sandbox("gofer-grader:test", "test", 512, 1, 64, Duration.ofSeconds(60), 64),
                new AppConfig.Intake(1 << 20, Optional.empty()),
                new AppConfig.Lti(Optional.empty(), Map.of()),
                AppConfig.Terminal.defaults(),
                AppConfig.Pip.none());
        this.service = GoferService.assemble(
                        config, GoferService.Overrides.none().withSandbox(runner))
                .start();
        this.jdbi = service.jdbi();
        this.gradebook = service.gradebook();
    }

    void writeTest(String name, String expect, boolean hidden) {
        write(
                root.resolve("tests/" + LAB + "/tests/" + name + ".py"),
                "expect = \"" + expect + "\"\n" + (hidden ? "hidden = True\n" : ""));
    }

    String url(String relative) {
        return "http://127.0.0.1:" + service.port() + PREFIX + relative;
    }

    HttpResponse<String> get(String relative, String token) {
        return send(HttpRequest.newBuilder(URI.create(url(relative)))
                .header("Authorization", "token " + token)
                .header("Accept", "text/html")
                .GET()
                .build());
    }

    HttpResponse<String> post(String relative, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(relative)))
                .header("Authorization", "token " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode body(HttpResponse<String> r) {
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }

    /** Submits a notebook whose one code cell is {@code code}; returns the submission id. */
    long submit(String token, String code) {
        HttpResponse<String> r = post("submit", token, notebook(code));
        if (r.statusCode() != 202) {
            throw new AssertionError("submit: " + r.statusCode() + " " + r.body());
        }
        return body(r).get("id").asLong();
    }

    static String notebook(String code) {
        String escaped = code.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"gofer": {"course": "c8", "section": "s1", "assignment": "lab01"}},
                 "cells": [{"cell_type": "markdown", "source": "# Lab 1", "metadata": {}},
                           {"cell_type": "code", "source": "%s", "metadata": {}, "execution_count": 1,
                            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["<b>printed</b>\\n"]}]}]}""".formatted(escaped);
    }

    /** Waits (bounded) until no submission is queued or running. */
    void awaitIdle() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            long pending = jdbi.withHandle(
                    h -> h.createQuery("SELECT count(*) FROM submissions WHERE status IN ('queued', 'running')")
                            .mapTo(Long.class)
                            .one());
            if (pending == 0) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("grading did not finish within 30 s");
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
    }
}
