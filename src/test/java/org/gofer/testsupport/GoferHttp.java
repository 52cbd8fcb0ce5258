package org.gofer.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A student's or instructor's HTTP client for Gofer's API, authenticated with a token. */
public final class GoferHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    public GoferHttp(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public HttpResponse<String> submit(Path notebook) throws IOException, InterruptedException {
        return submit(Files.readAllBytes(notebook));
    }

    public HttpResponse<String> submit(byte[] notebook) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(base.resolve("submit"))
                        .header("Authorization", "token " + token)
                        .header("Content-Type", "application/x-ipynb+json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(notebook))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits and returns the new submission's id, failing unless the answer is 202. */
    public long submitAccepted(Path notebook) throws IOException, InterruptedException {
        HttpResponse<String> r = submit(notebook);
        if (r.statusCode() != 202) {
            throw new AssertionError("expected 202 for " + notebook + ", got " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asLong();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "token " + token)
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a JSON body with the token. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "token " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a multipart/form-data body: each file as a part of that name, then the plain fields. */
    public HttpResponse<String> postMultipart(String path, Map<String, byte[]> files, Map<String, String> fields)
            throws IOException, InterruptedException {
        String boundary = "gofer-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, bytes) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                            + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "token " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode submission(long id) throws IOException, InterruptedException {
        HttpResponse<String> r = get("api/submissions/" + id);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET submission " + id + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Polls until the submission is graded or failed (bounded by {@code limit}). */
    public JsonNode awaitFinal(long id, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = submission(id);
            if (Set.of("graded", "failed").contains(last.path("status").asText())) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("submission " + id + " not graded within " + limit + "; last: " + last);
    }
}
