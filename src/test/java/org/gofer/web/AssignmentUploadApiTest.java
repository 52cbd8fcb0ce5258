package org.gofer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.gofer.assignment.otter.Zips;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.testsupport.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploading, validating and publishing assignments through the real server (port 0, real SQLite,
 * stand-in hub). The sandbox is the one seam: it answers full marks for a notebook whose code says
 * {@code FULL}, else part marks, and records what it was asked to grade.
 */
class AssignmentUploadApiTest {
    private static final String HW = "api/assignments/c8/s1/hw02/";

    @TempDir
    Path dir;

    private final List<SandboxJob> graded = new CopyOnWriteArrayList<>();
    private WebFixture f;

    @BeforeEach
    void start() {
        f = new WebFixture(dir, Duration.ofSeconds(30), new SandboxRunner() {
            @Override
            public SandboxOutcome run(SandboxJob job) {
                graded.add(job);
                boolean full = new String(job.notebook(), StandardCharsets.UTF_8).contains("FULL");
                String json = Fixtures.text(full ? "results/full-marks.json" : "results/partial.json");
                return new SandboxOutcome(
                        SandboxOutcome.Kind.COMPLETED, Optional.of(json), Optional.of(0), "", Duration.ZERO, "");
            }

            @Override
            public boolean healthy() {
                return true;
            }
        });
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static byte[] assignmentZip(String solutionCode) throws IOException {
        return Zips.create()
                .file("hw02/tests/q1.py", Fixtures.okTest("q1", 1))
                .file("hw02/assignment.json", "{\"title\": \"Homework 2\"}")
                .file("hw02/data.csv", "x\n1\n")
                .file("hw02/hw02-solution.ipynb", Fixtures.notebook("c8", "s1", "hw02", solutionCode))
                .file("hw02/examples/wrong.ipynb", Fixtures.notebook("c8", "s1", "hw02", "x = 2"))
                .bytes();
    }

    private HttpResponse<String> upload(String relative, String token, Map<String, byte[]> files, boolean replace) {
        String boundary = "gofer-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((field, bytes) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                            + field + ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        if (replace) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"replace\"\r\n\r\ntrue\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return f.send(f.request(relative)
                .header("Authorization", "token " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    private JsonNode awaitValidation(String relative) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode state = f.body(f.get(relative + "publication", WebFixture.PROF));
            String verdict = state.path("validation").path("verdict").asText();
            if (!verdict.equals("running")) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the validation did not finish in 10 s");
    }

    private HttpResponse<String> submit(String token, String course, String section, String name) {
        return f.postJson("submit", token, WebFixture.notebook(course, section, name));
    }

    private int rows(String table) {
        return f.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Integer.class)
                .one());
    }

    @Test
    void aDraftIsGradedThenHiddenFromStudentsUntilPublished() throws Exception {
        HttpResponse<String> up =
                upload(HW + "draft", WebFixture.PROF, Map.of("archive", assignmentZip("x = 1  # FULL")), false);

        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode body = f.body(up);
        assertThat(body.path("format").asText()).isEqualTo("directory");
        assertThat(body.path("solutions").toString()).isEqualTo("[\"hw02-solution.ipynb\"]");
        assertThat(Files.readString(dir.resolve("tests/c8/s1/hw02/tests/q1.py")))
                .contains("'q1'");
        JsonNode state = awaitValidation(HW);
        assertThat(state.path("published").asBoolean()).isFalse();
        assertThat(state.path("validation").path("verdict").asText()).isEqualTo("passed");
        JsonNode solution = state.path("validation").path("solutions").get(0);
        assertThat(solution.path("full_marks").asBoolean()).isTrue();
        assertThat(solution.path("tests")).hasSize(3);
        assertThat(graded).hasSize(1);
        assertThat(graded.get(0).assignment()).isEqualTo("c8/s1/hw02");
        assertThat(graded.get(0).supportFiles()).extracting(s -> s.path()).containsExactly("data.csv");

        // a student sees nothing of the draft, and intake answers as for an unknown assignment
        HttpResponse<String> unknown = submit(WebFixture.ALICE, "c8", "s1", "nothing-here");
        HttpResponse<String> draft = submit(WebFixture.ALICE, "c8", "s1", "hw02");
        assertThat(draft.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(400);
        assertThat(f.body(draft).path("error").asText()).contains("unknown assignment 'c8/s1/hw02'");
        assertThat(f.get("pages/", WebFixture.ALICE).body())
                .doesNotContain("hw02")
                .contains("lab01");
        assertThat(f.get("pages/assignments/c8/s1/hw02", WebFixture.ALICE).statusCode())
                .isEqualTo(404);
        assertThat(f.get("pages/", WebFixture.PROF).body())
                .contains("Homework 2")
                .contains("draft");
        assertThat(f.get("pages/publication/c8/s1/hw02", WebFixture.PROF).body())
                .contains("hw02-solution.ipynb")
                .contains("full marks");
        assertThat(f.get("pages/publication/c8/s1/hw02", WebFixture.ALICE).statusCode())
                .isEqualTo(403);
        assertThat(submit(WebFixture.PROF, "c8", "s1", "hw02").statusCode())
                .as("the course's staff may try a draft")
                .isEqualTo(202);
        assertThat(rows("submissions")).as("validations are not submissions").isEqualTo(1);

        HttpResponse<String> published = f.postJson(HW + "publish", WebFixture.PROF, "{}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(f.body(published).path("published").asBoolean()).isTrue();
        assertThat(f.body(published).path("forced").asBoolean()).isFalse();
        assertThat(submit(WebFixture.ALICE, "c8", "s1", "hw02").statusCode()).isEqualTo(202);
        assertThat(f.get("pages/", WebFixture.ALICE).body()).contains("Homework 2");

        HttpResponse<String> unpublished = f.postJson(HW + "unpublish", WebFixture.PROF, "{}");
        assertThat(f.body(unpublished).path("published").asBoolean()).isFalse();
        assertThat(submit(WebFixture.ALICE, "c8", "s1", "hw02").statusCode()).isEqualTo(400);
        assertThat(f.body(f.get("api/submissions", WebFixture.ALICE)).path("submissions"))
                .as("the student's list leaves out unpublished assignments")
                .isEmpty();
        assertThat(f.body(f.get(HW + "publication", WebFixture.PROF)).path("log"))
                .extracting(n ->
                        n.path("action").asText() + " by " + n.path("actor").asText())
                .containsExactly("unpublish by prof", "publish by prof", "upload by prof");
    }

    @Test
    void publishingNeedsAPassingValidationOrAnExplicitAnyway() throws Exception {
        upload(HW + "draft", WebFixture.PROF, Map.of("archive", assignmentZip("x = 1")), false);
        JsonNode state = awaitValidation(HW);
        assertThat(state.path("validation").path("verdict").asText()).isEqualTo("warning");
        assertThat(state.path("validation")
                        .path("solutions")
                        .get(0)
                        .path("full_marks")
                        .asBoolean())
                .isFalse();

        HttpResponse<String> refused = f.postJson(HW + "publish", WebFixture.PROF, "{}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(f.body(refused).path("error").asText()).contains("did not get full marks");
        assertThat(f.body(f.get(HW + "publication", WebFixture.PROF))
                        .path("published")
                        .asBoolean())
                .isFalse();
        assertThat(f.postJson(HW + "publish", WebFixture.ALICE, "{\"anyway\": true}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(f.postJson(HW + "publish", WebFixture.PROF, "{\"anyway\": \"yes\"}")
                        .statusCode())
                .isEqualTo(400);

        HttpResponse<String> anyway = f.postJson(HW + "publish", WebFixture.PROF, "{\"anyway\": true}");
        assertThat(anyway.statusCode()).isEqualTo(200);
        assertThat(f.body(anyway).path("forced").asBoolean()).isTrue();
        assertThat(f.body(anyway).path("log").get(0).path("action").asText()).isEqualTo("publish_anyway");
        assertThat(submit(WebFixture.ALICE, "c8", "s1", "hw02").statusCode()).isEqualTo(202);
    }

    @Test
    void anOtterAutograderZipTakesItsSolutionBesideIt() throws Exception {
        byte[] autograder = Zips.create()
                .file("run_autograder", "#!/bin/bash\n")
                .file("otter_config.json", "{}")
                .file(
                        "tests/q1.py",
                        "OK_FORMAT = True\ntest = {'name': 'q1', 'points': 1, 'suites': [{'cases': "
                                + "[{'code': '>>> x\\n1', 'hidden': False}], 'scored': True, 'setup': '', "
                                + "'teardown': '', 'type': 'doctest'}]}\n")
                .bytes();
        byte[] solution = Fixtures.notebook("c8", "s1", "hw02", "x = 1  # FULL").getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("archive", autograder);
        files.put("solution", solution);

        HttpResponse<String> up = upload(HW + "draft", WebFixture.PROF, files, false);

        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        assertThat(f.body(up).path("format").asText()).isEqualTo("otter");
        assertThat(Files.readString(dir.resolve("tests/c8/s1/hw02/assignment.json")))
                .contains("\"otter\"");
        assertThat(Files.readAllBytes(dir.resolve("tests/c8/s1/hw02/examples/solution.ipynb")))
                .isEqualTo(solution);
        assertThat(awaitValidation(HW).path("validation").path("verdict").asText())
                .isEqualTo("passed");
        assertThat(upload(
                                HW + "draft",
                                WebFixture.PROF,
                                Map.of("archive", autograder, "solution", "no".getBytes()),
                                true)
                        .statusCode())
                .as("a solution that is not a notebook")
                .isEqualTo(400);
    }

    @Test
    void uploadingOverAPublishedAssignmentNeedsReplace() throws Exception {
        Path lab = dir.resolve("tests/c8/s1/lab01/tests/q1.py");
        String before = Files.readString(lab);
        String lab01 = "api/assignments/c8/s1/lab01/";

        HttpResponse<String> refused =
                upload(lab01 + "draft", WebFixture.PROF, Map.of("archive", assignmentZip("x")), false);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(f.body(refused).path("error").asText())
                .contains("is published")
                .contains("replace");
        assertThat(Files.readString(lab)).isEqualTo(before);
        assertThat(rows("assignment_publication") + rows("publication_log") + rows("validation_runs"))
                .isZero();

        HttpResponse<String> replaced =
                upload(lab01 + "draft", WebFixture.PROF, Map.of("archive", assignmentZip("x")), true);
        assertThat(replaced.statusCode()).isEqualTo(201);
        assertThat(f.body(replaced).path("replaced").asBoolean()).isTrue();
        assertThat(Files.readString(lab)).isNotEqualTo(before).contains("'q1'");
        JsonNode state = f.body(f.get(lab01 + "publication", WebFixture.PROF));
        assertThat(state.path("published").asBoolean()).isFalse();
        assertThat(state.path("log").get(0).path("action").asText()).isEqualTo("replace");
    }

    @Test
    void hostileOrUselessZipsAre400AndWriteNothing() throws Exception {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put(
                "leaves the archive",
                Zips.create().file("../evil/tests/q1.py", "x").bytes());
        cases.put(
                "not a relative path",
                Zips.create().file("/etc/tests/q1.py", "x").bytes());
        cases.put(
                "symbolic link",
                Zips.markSymlink(
                        Zips.create().file("tests/q1.py", "/etc/passwd").bytes(), "tests/q1.py"));
        cases.put(
                "zip bomb",
                Zips.create()
                        .file("tests/q1.py", "x")
                        .file("data.bin", new byte[4 * 1024 * 1024])
                        .bytes());
        cases.put("no tests/*.py", Zips.create().file("assignment.json", "{}").bytes());
        cases.put(
                "cannot be graded",
                Zips.create()
                        .file("tests/q1.py", "x")
                        .file("assignment.json", "{\"policy\": \"sometimes\"}")
                        .bytes());
        cases.put("not a zip", "PK? no".getBytes(StandardCharsets.UTF_8));

        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            HttpResponse<String> r = upload(HW + "draft", WebFixture.PROF, Map.of("archive", c.getValue()), false);
            assertThat(r.statusCode()).as(c.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(f.body(r).path("error").asText()).as(c.getKey()).isNotBlank();
        }
        assertThat(f.body(upload(HW + "draft", WebFixture.PROF, Map.of("archive", cases.get("zip bomb")), false))
                        .path("error")
                        .asText())
                .contains("zip bomb");
        assertThat(dir.resolve("tests/c8/s1/hw02")).doesNotExist();
        assertThat(dir.resolve("tests/evil")).doesNotExist();
        assertThat(dir.resolve("evil")).doesNotExist();
        try (var s = Files.list(dir.resolve("tests/c8/s1"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("lab01");
        }
        assertThat(rows("assignment_publication") + rows("publication_log") + rows("validation_runs"))
                .isZero();
        assertThat(graded).isEmpty();
        assertThat(upload(HW + "draft", WebFixture.ALICE, Map.of("archive", assignmentZip("x")), false)
                        .statusCode())
                .as("students may not upload")
                .isEqualTo(403);
        assertThat(dir.resolve("tests/c8/s1/hw02")).doesNotExist();
    }

    @Test
    void submissionsDownloadAsAStreamedZipWithAManifest() throws Exception {
        String a1 = WebFixture.notebook("c8", "s1", "lab01").replace("x = 1", "x = 11");
        long alice =
                f.body(f.postJson("submit", WebFixture.ALICE, a1)).path("id").asLong();
        long bob =
                f.body(submit(WebFixture.BOB, "c8", "s1", "lab01")).path("id").asLong();
        long alice2 =
                f.body(submit(WebFixture.ALICE, "c8", "s1", "lab01")).path("id").asLong();

        Map<String, byte[]> all = unzip(f.send(
                f.request("api/assignments/c8/s1/lab01/submissions.zip")
                        .header("Authorization", "token " + WebFixture.PROF)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray()));

        assertThat(all.keySet())
                .containsExactly(
                        "manifest.csv",
                        "alice/" + alice + ".ipynb",
                        "bob/" + bob + ".ipynb",
                        "alice/" + alice2 + ".ipynb");
        assertThat(new String(all.get("alice/" + alice + ".ipynb"), StandardCharsets.UTF_8))
                .isEqualTo(a1);
        List<String> manifest = new String(all.get("manifest.csv"), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(manifest.get(0)).isEqualTo("id,user,submitted_at,status,score,max_score");
        assertThat(manifest).hasSize(4);
        assertThat(manifest.get(1)).startsWith(alice + ",alice,").contains(",queued,");

        Map<String, byte[]> one = unzip(f.send(
                f.request("api/assignments/c8/s1/lab01/submissions.zip?user=bob")
                        .header("Authorization", "token " + WebFixture.PROF)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray()));
        assertThat(one.keySet()).containsExactly("manifest.csv", "bob/" + bob + ".ipynb");
        assertThat(f.get("api/assignments/c8/s1/lab01/submissions.zip", WebFixture.ALICE)
                        .statusCode())
                .isEqualTo(403);
    }

    private static Map<String, byte[]> unzip(HttpResponse<byte[]> r) throws IOException {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
