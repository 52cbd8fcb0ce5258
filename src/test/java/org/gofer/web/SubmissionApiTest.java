package org.gofer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.web.WebFixture.ALICE;
import static org.gofer.web.WebFixture.BOB;
import static org.gofer.web.WebFixture.OUTSIDER;
import static org.gofer.web.WebFixture.PROF;
import static org.gofer.web.WebFixture.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.gofer.gradebook.ReleaseFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubmissionApiTest {
    @TempDir
    Path dir;

    WebFixture web;

    @BeforeEach
    void start() {
        web = new WebFixture(dir, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void aRawNotebookIsStoredAndQueued() throws Exception {
        String nb = notebook("c8", "s1", "lab01");

        HttpResponse<String> res = web.postJson("submit", ALICE, nb);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        JsonNode body = web.body(res);
        assertThat(body.path("status").asText()).isEqualTo("queued");
        assertThat(body.path("assignment").asText()).isEqualTo("c8/s1/lab01");
        assertThat(body.path("message").asText()).contains("queued");
        long id = body.path("id").asLong();
        assertThat(body.path("links").path("self").asText()).isEqualTo("/services/gofer/api/submissions/" + id);
        assertThat(web.submissionRows()).isEqualTo(1);
        assertThat(storedNotebook()).isEqualTo(nb.getBytes(StandardCharsets.UTF_8));
        String owner = web.jdbi.withHandle(h -> h.createQuery("SELECT username FROM submissions")
                .mapTo(String.class)
                .one());
        assertThat(owner).isEqualTo("alice");
    }

    @Test
    void goferSubmitsWrapperStoresTheNotebookAsSent() throws Exception {
        String nb = notebook("c8", "s1", "lab01");

        HttpResponse<String> res = web.send(web.request("")
                .header("Authorization", "bearer " + ALICE)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nb\": " + nb + "}"))
                .build());

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        assertThat(storedNotebook()).isEqualTo(nb.getBytes(StandardCharsets.UTF_8));
        String sha = web.jdbi.withHandle(h -> h.createQuery("SELECT notebook_sha256 FROM submissions")
                .mapTo(String.class)
                .one());
        assertThat(sha)
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(nb.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aMultipartUploadIsAccepted() {
        String boundary = "gofer-boundary-1";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"lab01.ipynb\"\r\n"
                + "Content-Type: application/x-ipynb+json\r\n\r\n"
                + notebook("c8", "s1", "lab01") + "\r\n--" + boundary + "--\r\n";

        HttpResponse<String> res = web.send(web.request("submit")
                .header("Authorization", "token " + ALICE)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        assertThat(web.submissionRows()).isEqualTo(1);
    }

    static Stream<Arguments> badSubmissions() {
        String nb = notebook("c8", "s1", "lab01");
        return Stream.of(
                Arguments.of("malformed JSON", "{\"nbformat\": 4, \"cells\": [", 400, "not valid JSON"),
                Arguments.of("not an object", "[\"cells\"]", 400, "not an object"),
                Arguments.of("not a notebook", "{\"name\": \"essay.docx\"}", 400, "not a Jupyter notebook"),
                Arguments.of("nbformat 3", nb.replace("\"nbformat\": 4", "\"nbformat\": 3"), 400, "nbformat 4"),
                Arguments.of(
                        "missing metadata",
                        nb.replaceAll("\"metadata\": \\{\"gofer\".*?}},", ""),
                        400,
                        "add metadata.gofer"),
                Arguments.of("unknown assignment", notebook("c8", "s1", "lab99"), 400, "unknown assignment"),
                Arguments.of("path in metadata", notebook("c8", "..", "lab01"), 400, "section"),
                Arguments.of("path in metadata 2", notebook("c8", "s1", "../../../etc/passwd"), 400, "assignment"),
                Arguments.of(
                        "deep nesting", "{\"nb\": " + "[".repeat(5000) + "]".repeat(5000) + "}", 400, "deeper than 64"),
                Arguments.of(
                        "oversized", "{\"nb\": \"" + "x".repeat((int) WebFixture.MAX_BODY) + "\"}", 413, "65536 bytes"),
                Arguments.of("empty", "", 400, "empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubmissions")
    void badSubmissionsAreRefusedWithAHintAndNothingIsStored(String what, String body, int status, String hint) {
        HttpResponse<String> res = web.postJson("submit", ALICE, body);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(web.body(res).path("error").asText()).contains(hint);
        assertThat(web.submissionRows()).isZero();
        assertThat(web.storedFiles()).isZero();
        assertThat(web.get("health", ALICE).statusCode()).as("still serving").isEqualTo(200);
    }

    /**
     * A client that sends its whole too-large body before reading (as browsers and Java's client
     * do) gets the 413 with its message, not a reset connection, and the service goes on serving.
     * 2 MiB is far more than the socket buffers hold, so the client is still writing when the
     * service has decided.
     */
    @Test
    void aClientSendingItsWholeOversizedBodyStillReadsThe413() throws Exception {
        int size = 2 << 20;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", web.service.port())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST " + WebFixture.PREFIX + "submit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: token " + ALICE + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + size + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 413").contains("65536 bytes");
        }
        assertThat(web.submissionRows()).isZero();
        assertThat(web.get("health", ALICE).statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void aChunkedOversizedBodyIsRefusedToo() {
        byte[] big = ("{\"nb\": \"" + "y".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> res = web.send(web.request("submit")
                .header("Authorization", "token " + ALICE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build());

        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(web.submissionRows()).isZero();
    }

    @Test
    void otherContentTypesAre415() {
        HttpResponse<String> res = web.send(web.request("submit")
                .header("Authorization", "token " + ALICE)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(notebook("c8", "s1", "lab01")))
                .build());

        assertThat(res.statusCode()).isEqualTo(415);
        assertThat(web.body(res).path("error").asText()).contains("application/json");
        assertThat(web.submissionRows()).isZero();
    }

    @Test
    void ownersAndInstructorsSeeASubmissionOthersDoNot() {
        long id = web.body(web.postJson("submit", ALICE, notebook("c8", "s1", "lab01")))
                .path("id")
                .asLong();

        assertThat(web.get("api/submissions/" + id, ALICE).statusCode()).isEqualTo(200);
        assertThat(web.get("api/submissions/" + id, PROF).statusCode()).isEqualTo(200);
        HttpResponse<String> bob = web.get("api/submissions/" + id, BOB);
        assertThat(bob.statusCode()).isEqualTo(403);
        assertThat(web.body(bob).path("error").asText()).contains("another user");
        assertThat(web.get("api/submissions/" + (id + 100), ALICE).statusCode()).isEqualTo(404);
        assertThat(web.get("api/submissions/abc", ALICE).statusCode()).isEqualTo(404);
        JsonNode shown = web.body(web.get("api/submissions/" + id, ALICE));
        assertThat(shown.path("status").asText()).isEqualTo("queued");
        assertThat(shown.path("score").isMissingNode() || shown.path("score").isNull())
                .isTrue();
    }

    @Test
    void studentsSeeHiddenTestsOnlyAsACountUntilReleasedInstructorsSeeAll() {
        long id = web.body(web.postJson("submit", ALICE, notebook("c8", "s1", "lab01")))
                .path("id")
                .asLong();
        web.jdbi.useHandle(h -> {
            h.execute(
                    "UPDATE submissions SET status = 'graded', score = 1, max_score = 2, finished_at = 1 WHERE id = ?",
                    id);
            h.execute("INSERT INTO test_scores VALUES (?, 0, 'q1', 1, 1, 0, 1, 'q1 passed')", id);
            h.execute("INSERT INTO test_scores VALUES (?, 1, 'q2', 0, 1, 1, 0, 'expected 42, got 41')", id);
        });

        JsonNode student = web.body(web.get("api/submissions/" + id, ALICE));
        JsonNode prof = web.body(web.get("api/submissions/" + id, PROF));

        assertThat(student.path("status").asText()).isEqualTo("graded");
        assertThat(student.path("score").asDouble()).isEqualTo(1.0);
        assertThat(student.path("max_score").asDouble()).isEqualTo(2.0);
        assertThat(student.path("hidden_tests").asInt()).isEqualTo(1);
        assertThat(student.path("tests").get(0).path("message").asText()).isEqualTo("q1 passed");
        assertThat(student.path("tests")).as("hidden tests are only counted").hasSize(1);
        assertThat(student.toString()).doesNotContain("expected 42").doesNotContain("\"q2\"");
        assertThat(prof.path("tests").get(1).path("message").asText()).isEqualTo("expected 42, got 41");
        assertThat(prof.path("tests").get(1).path("max_score").asDouble()).isEqualTo(1.0);

        new ReleaseFlags(web.jdbi, java.time.Clock.systemUTC()).set("c8/s1/lab01", true, "prof");
        JsonNode released = web.body(web.get("api/submissions/" + id, ALICE));
        assertThat(released.path("tests")).hasSize(2);
        assertThat(released.path("tests").get(1).path("message").asText()).isEqualTo("expected 42, got 41");
    }

    @Test
    void listsAreOwnForStudentsAndFilterableForInstructors() {
        web.postJson("submit", ALICE, notebook("c8", "s1", "lab01"));
        web.postJson("submit", ALICE, notebook("c8", "s1", "lab01"));
        web.postJson("submit", BOB, notebook("c8", "s1", "lab01"));

        assertThat(web.body(web.get("api/submissions", ALICE)).path("submissions"))
                .hasSize(2);
        assertThat(web.get("api/submissions?user=bob", ALICE).statusCode()).isEqualTo(403);
        assertThat(web.body(web.get("api/submissions", PROF)).path("submissions"))
                .hasSize(3);
        assertThat(web.body(web.get("api/submissions?user=bob", PROF)).path("submissions"))
                .hasSize(1);
        assertThat(web.body(web.get("api/submissions?assignment=c8/s1/other", PROF))
                        .path("submissions"))
                .isEmpty();
        JsonNode page = web.body(web.get("api/submissions?limit=2", PROF));
        assertThat(page.path("submissions")).hasSize(2);
        long next = page.path("next_before").asLong();
        assertThat(web.body(web.get("api/submissions?limit=2&before=" + next, PROF))
                        .path("submissions"))
                .hasSize(1);
        assertThat(web.get("api/submissions?limit=501", PROF).statusCode()).isEqualTo(400);
    }

    @Test
    void onlyInstructorsExportTheGradebook() {
        assertThat(web.get("api/gradebook.csv", ALICE).statusCode()).isEqualTo(403);

        HttpResponse<String> csv = web.get("api/gradebook.csv", PROF);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(csv.body()).startsWith("student,assignment,score");
    }

    @Test
    void missingCredentialsAre401WithTheRealmAndBrowsersAreSentToSignIn() {
        long started = System.nanoTime();
        HttpResponse<String> probe = web.send(web.request("").GET().build());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(probe.statusCode()).isEqualTo(401);
        assertThat(probe.headers().firstValue("WWW-Authenticate")).contains("token realm=\"jupyterhub\"");
        assertThat(web.body(probe).path("error").asText()).contains("token");

        HttpResponse<String> browser = web.send(web.request("api/submissions?assignment=x")
                .header("Accept", "text/html")
                .GET()
                .build());
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location"))
                .contains("/services/gofer/login?next=%2Fservices%2Fgofer%2Fapi%2Fsubmissions%3Fassignment%3Dx");

        HttpResponse<String> post = web.send(web.request("submit")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertThat(post.statusCode()).as("a POST is never redirected").isEqualTo(401);
    }

    @Test
    void unknownTokensAre401AndUsersWithoutTheAccessScope403() {
        HttpResponse<String> unknown = web.get("", "no-such-token");
        assertThat(unknown.statusCode()).isEqualTo(401);
        HttpResponse<String> outsider = web.postJson("submit", OUTSIDER, notebook("c8", "s1", "lab01"));
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(web.body(outsider).path("error").asText()).contains("access:services");
        assertThat(web.submissionRows()).isZero();
    }

    @Test
    void theQueryTokenIsAcceptedAndNeverLogged() {
        HttpResponse<String> res =
                web.send(web.request("api/submissions?token=" + ALICE).GET().build());

        assertThat(res.statusCode()).isEqualTo(200);
        web.get("", BOB);
        web.get("", "bogus-token-value-123");
        String logs = web.logs();
        assertThat(logs).contains("token=[secret]");
        assertThat(logs).doesNotContain(ALICE).doesNotContain(BOB).doesNotContain("bogus-token-value-123");
    }

    @Test
    void healthIsPublicAndReportsDocker() {
        HttpResponse<String> ok = web.send(web.request("health").GET().build());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(web.body(ok).path("status").asText()).isEqualTo("ok");

        web.dockerHealthy.set(false);
        HttpResponse<String> down = web.send(web.request("health").GET().build());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(web.body(down).path("docker").asText()).isEqualTo("unavailable");
    }

    @Test
    void hubOutagesAre502WithoutDetails() {
        web.hub.failWith(500);

        HttpResponse<String> res = web.get("api/submissions", "fresh-token-1");

        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(web.body(res).path("error").asText()).contains("hub").doesNotContain("fresh-token-1");
    }

    @Test
    void unknownEndpointsAnswerJson() {
        HttpResponse<String> res = web.get("api/nothing-here", ALICE);
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(web.body(res).path("error").asText()).isNotEmpty();
    }

    private byte[] storedNotebook() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("data"))) {
            Path file =
                    s.filter(p -> p.toString().endsWith(".ipynb")).findFirst().orElseThrow();
            return Files.readAllBytes(file);
        }
    }
}
