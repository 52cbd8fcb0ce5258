package org.gofer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.gofer.testsupport.Fixtures.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gofer.sandbox.DockerClients;
import org.gofer.testsupport.EnabledIfDocker;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.GoferHttp;
import org.gofer.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service with assignments that need packages the grading image lacks: one whose
 * requirements.txt names cowsay (from PyPI) and whose assignment.json adds Debian's sl grades a
 * notebook using both to full marks; one whose requirements name a package that does not exist
 * keeps its submission queued (never a zero), shows the failure and the build log to instructors
 * through the API and the assignment page, and grades once the spec is fixed. The gofer-env images
 * made here are removed afterwards.
 */
@EnabledIfDocker
class EnvironmentServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUILD_AND_GRADE = Duration.ofMinutes(10);

    @TempDir
    Path tmp;

    private final List<String> tagsMade = new ArrayList<>();

    @Test
    void assignmentsGradeInTheirOwnEnvironmentsAndABrokenSpecNeverCostsAStudentMarks() throws Exception {
        assumeThat(imageExists("gofer-grader:latest"))
                .as("gofer-grader:latest is built")
                .isTrue();
        String run = UUID.randomUUID().toString();
        String missing = "gofer-no-such-package-" + run.substring(0, 8);
        Path tests = tmp.resolve("notebooks-tests");
        assignment(
                tests.resolve("it/env/good"), "# " + run + "\ncowsay==6.1\n", "{\"environment\": {\"apt\": [\"sl\"]}}");
        assignment(tests.resolve("it/env/broken"), "# " + run + "\n" + missing + "==1.0\n", "{}");
        Path good = notebook(
                "good",
                "import os, cowsay; "
                        + "x = 1 if 'Moo' in cowsay.get_output_string('cow', 'Moo') else 0; "
                        + "y = 1 if os.path.exists('/usr/games/sl') else 0");
        Path broken = notebook("broken", "x = 1; y = 1");

        Map<String, String> env =
                ServiceProcess.localEnv(tmp, "env-it", "student-token:alice,teacher-token:teacher:instructor");
        env.put("GOFER_TESTS_DIR", tests.toString());
        try (ServiceProcess service = new ServiceProcess(env, tmp.resolve("service.log"))) {
            service.start();
            GoferHttp alice = new GoferHttp(service.base(), "student-token");
            GoferHttp teacher = new GoferHttp(service.base(), "teacher-token");
            long goodId = alice.submitAccepted(good);
            long brokenId = alice.submitAccepted(broken);

            try {
                JsonNode graded = alice.awaitFinal(goodId, BUILD_AND_GRADE);
                assertThat(graded.path("status").asText()).as(graded.toString()).isEqualTo("graded");
                assertThat(graded.path("score").asDouble())
                        .as(graded.toString())
                        .isEqualTo(2.0);
                assertThat(graded.path("max_score").asDouble()).isEqualTo(2.0);

                JsonNode goodEnv = environment(teacher, "good");
                assertThat(goodEnv.path("status").asText()).isEqualTo("ready");
                assertThat(goodEnv.path("image").asText())
                        .matches("gofer-env:[0-9a-f]{16}")
                        .isEqualTo("gofer-env:" + goodEnv.path("hash").asText().substring(0, 16));
                assertThat(goodEnv.path("spec").path("apt").toString()).isEqualTo("[\"sl\"]");
                assertThat(goodEnv.path("spec").path("requirements").asText()).isEqualTo("requirements.txt");
                assertThat(alice.get("api/assignments/it/env/good/environment").statusCode())
                        .as("students do not see environments")
                        .isEqualTo(403);

                JsonNode failed = awaitEnvironment(teacher, "broken", "failed");
                assertThat(failed.path("error").asText())
                        .contains("No matching distribution")
                        .contains(missing);
                assertThat(failed.path("log_tail").asText()).contains(missing);
                HttpResponse<String> log = teacher.get("api/assignments/it/env/broken/environment/log");
                assertThat(log.statusCode()).isEqualTo(200);
                assertThat(log.headers().firstValue("Content-Type"))
                        .get()
                        .asString()
                        .startsWith("text/plain");
                assertThat(log.body()).contains("pip install").contains(missing);

                Thread.sleep(2000); // the pipeline has seen the failure and put the job back
                JsonNode waiting = alice.submission(brokenId);
                assertThat(waiting.path("status").asText())
                        .as(waiting.toString())
                        .isEqualTo("queued");
                assertThat(waiting.path("score").isNull()
                                || waiting.path("score").isMissingNode())
                        .isTrue();
                JsonNode queue = JSON.readTree(teacher.get("api/queue").body());
                assertThat(queue.path("retrying").toString())
                        .contains("failed to build")
                        .contains("instructors were told");

                HttpResponse<String> page = teacher.get("pages/gradebook/it/env/broken");
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body())
                        .contains("<dt>Environment</dt>")
                        .contains(">failed<")
                        .contains("api/assignments/it/env/broken/environment/log")
                        .contains("No matching distribution");
                assertThat(page.headers().firstValue("Content-Security-Policy"))
                        .get()
                        .asString()
                        .contains("script-src 'self'");

                HttpResponse<String> rebuild = teacher.post("api/assignments/it/env/broken/environment", "{}");
                assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
                assertThat(JSON.readTree(rebuild.body()).path("status").asText())
                        .isEqualTo("building");
                awaitEnvironment(teacher, "broken", "failed");

                write(tests.resolve("it/env/broken"), "requirements.txt", "# " + run + " fixed\ncowsay==6.1\n");
                JsonNode fixed = alice.awaitFinal(brokenId, BUILD_AND_GRADE);
                assertThat(fixed.path("status").asText()).as(fixed.toString()).isEqualTo("graded");
                assertThat(fixed.path("score").asDouble()).isEqualTo(2.0);
                assertThat(environment(teacher, "broken").path("status").asText())
                        .isEqualTo("ready");
            } finally {
                for (String name : List.of("good", "broken")) {
                    JsonNode e = environment(teacher, name);
                    if (e.path("image").asText().startsWith("gofer-env:")) {
                        tagsMade.add(e.path("image").asText());
                    }
                }
            }
        } finally {
            try (DockerClient docker = DockerClients.fromEnvironment()) {
                for (String tag : tagsMade) {
                    try {
                        docker.removeImageCmd(tag).exec();
                    } catch (NotFoundException e) {
                        // already gone
                    }
                }
            }
        }
    }

    private static boolean imageExists(String image) throws Exception {
        try (DockerClient docker = DockerClients.fromEnvironment()) {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static JsonNode environment(GoferHttp teacher, String name) throws Exception {
        HttpResponse<String> r = teacher.get("api/assignments/it/env/" + name + "/environment");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode awaitEnvironment(GoferHttp teacher, String name, String status) throws Exception {
        long deadline = System.nanoTime() + BUILD_AND_GRADE.toNanos();
        JsonNode last = environment(teacher, name);
        while (!last.path("status").asText().equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            last = environment(teacher, name);
        }
        assertThat(last.path("status").asText()).as(last.toString()).isEqualTo(status);
        return last;
    }

    private static void assignment(Path dir, String requirements, String assignmentJson) {
        write(dir, "tests/q1.py", Fixtures.okTest("q1", 1));
        write(dir, "tests/q2.py", """
                test = {'name': 'q2', 'points': 1,
                        'suites': [{'cases': [{'code': '>>> y\\n1', 'hidden': False}], 'type': 'doctest'}]}
                """);
        write(dir, "requirements.txt", requirements);
        write(dir, "assignment.json", assignmentJson);
    }

    private Path notebook(String name, String source) {
        return write(tmp, name + ".ipynb", Fixtures.notebook("it", "env", name, source));
    }
}
