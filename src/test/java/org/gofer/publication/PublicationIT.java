package org.gofer.publication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gofer.testsupport.EnabledIfDocker;
import org.gofer.testsupport.GoferHttp;
import org.gofer.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo course's otter homework ({@code notebooks-tests/demo-course/fall-2026/hw01-otter}, its
 * solution and a partly wrong example beside it) zipped and uploaded to the real service, which
 * grades the solution in the real sandbox: the draft's page then shows otter's 12 of 12 per question,
 * publishing succeeds, and students can submit. Nothing of the validation reaches the gradebook.
 */
@EnabledIfDocker
public class PublicationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEMO = Path.of("notebooks-tests/demo-course/fall-2026/hw01-otter");
    private static final Duration GRADING = Duration.ofMinutes(5);

    @TempDir
    Path tmp;

    @Test
    void theUploadedDemoHomeworkValidatesToFullMarksAndPublishes() throws Exception {
        Path tests = Files.createDirectories(tmp.resolve("notebooks-tests"));
        Map<String, String> env =
                ServiceProcess.localEnv(tmp, "publication-it", "student-token:alice,teacher-token:teacher:instructor");
        env.put("GOFER_TESTS_DIR", tests.toString());
        try (ServiceProcess service = new ServiceProcess(env, tmp.resolve("service.log"))) {
            service.start();
            GoferHttp teacher = new GoferHttp(service.base(), "teacher-token");
            GoferHttp alice = new GoferHttp(service.base(), "student-token");
            String api = "api/assignments/demo-course/fall-2026/hw01-otter/";

            HttpResponse<String> up = teacher.postMultipart(api + "draft", Map.of("archive", zipOf(DEMO)), Map.of());

            assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
            assertThat(JSON.readTree(up.body()).path("solutions").toString())
                    .isEqualTo("[\"examples/solution.ipynb\"]");
            assertThat(alice.submit(DEMO.resolve("examples/solution.ipynb")).statusCode())
                    .as("a draft is refused at intake")
                    .isEqualTo(400);

            JsonNode validation = awaitValidation(teacher, api).path("validation");
            assertThat(validation.path("verdict").asText())
                    .as(validation.toString())
                    .isEqualTo("passed");
            JsonNode solution = validation.path("solutions").get(0);
            assertThat(solution.path("score").asDouble()).isEqualTo(12.0);
            assertThat(solution.path("max_score").asDouble()).isEqualTo(12.0);
            Map<String, Double> perQuestion = new HashMap<>();
            solution.path("tests")
                    .forEach(t -> perQuestion.put(
                            t.path("name").asText(), t.path("score").asDouble()));
            assertThat(perQuestion).isEqualTo(Map.of("q1", 5.0, "q2", 3.0, "q3", 4.0));
            assertThat(teacher.get("api/gradebook.csv").body().lines().count())
                    .as("the validation is in no gradebook")
                    .isEqualTo(1);

            HttpResponse<String> published = teacher.post(api + "publish", "{}");
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
            assertThat(JSON.readTree(published.body()).path("forced").asBoolean())
                    .isFalse();
            long id = alice.submitAccepted(DEMO.resolve("examples/partly-wrong.ipynb"));
            JsonNode graded = alice.awaitFinal(id, GRADING);
            assertThat(graded.path("score").asDouble()).as(graded.toString()).isEqualTo(5.0);
        }
    }

    private static JsonNode awaitValidation(GoferHttp teacher, String api) throws Exception {
        Instant deadline = Instant.now().plus(GRADING);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = JSON.readTree(teacher.get(api + "publication").body());
            if (!last.path("validation").path("verdict").asText().equals("running")) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("validation not finished within " + GRADING + ": " + last);
    }

    /** The assignment folder as an instructor zips it: its name at the top. */
    public static byte[] zipOf(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out);
                Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(
                        dir.getFileName() + "/" + dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
