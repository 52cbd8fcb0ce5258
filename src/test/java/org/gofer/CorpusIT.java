package org.gofer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gofer.testsupport.Corpus;
import org.gofer.testsupport.DockerCli;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real upstream assignments, graded through {@code gofer grade --json} (the jar, a real
 * container), must get the scores their own graders give (the corpus's EXPECTED.json). The
 * corpus lives outside the repository; the test copies what it needs into a temporary tests
 * directory and is skipped where the corpus is absent. Each grading must leave nothing behind.
 * Subclasses run the same suite on another executor.
 */
@EnabledIfDocker
class CorpusIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The grade processes' deployment: what they leave is told apart from anyone else's by it. */
    private static final String DEPLOYMENT =
            "corpus-it-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    static Path tests;

    static Path corpus;

    /** Grade processes that ended well in this class so far. */
    private static int gradings;

    @BeforeAll
    static void layOutCorpusAssignments() throws IOException {
        Optional<Path> found = Corpus.dir();
        Assumptions.assumeTrue(
                found.isPresent(),
                "skipped: the upstream corpus (GOFER_CORPUS_DIR, default ../shared/corpus beside this checkout or the one it was cloned from) is not on this machine");
        corpus = found.get();
        gradings = 0;
        copyDir(corpus.resolve("gofer-grader-basic/tests"), tests.resolve("corpus/gofer/basic/tests"));
        Path otter = tests.resolve("corpus/otter/hw01");
        copyDir(corpus.resolve("otter-assign-example/tests"), otter.resolve("tests"));
        Files.copy(corpus.resolve("otter-assign-example/autograder/student_file.py"), otter.resolve("student_file.py"));
        Files.copy(corpus.resolve("otter-assign-example/autograder/data.csv"), otter.resolve("data.csv"));
    }

    @ParameterizedTest
    @CsvSource({"full-grade.ipynb, 1.0", "half-grade.ipynb, 0.5", "zero-grade.ipynb, 0.0"})
    void goferGraderBasicGradesLikeGoferGrader(String notebook, double expected) throws Exception {
        JsonNode result =
                grade(corpus.resolve("gofer-grader-basic/submissions").resolve(notebook), "corpus/gofer/basic");
        assertThat(result.path("status").asText()).isEqualTo("graded");
        assertThat(result.path("score").asDouble() / result.path("max_score").asDouble())
                .isCloseTo(expected, within(1e-9));
        assertThat(result.path("tests")).hasSize(2);
    }

    @Test
    void otterSolutionGetsFullMarks() throws Exception {
        JsonNode result = grade(corpus.resolve("otter-assign-example/autograder/example.ipynb"), "corpus/otter/hw01");
        assertThat(result.path("status").asText()).isEqualTo("graded");
        assertThat(result.path("score").asDouble()).isEqualTo(41.0);
        assertThat(result.path("max_score").asDouble()).isEqualTo(41.0);
        assertThat(questions(result)).containsExactly("q1 16.0", "q3 12.0", "q8 12.0", "q9 1.0");
    }

    @Test
    void otterStudentVersionGetsZero() throws Exception {
        JsonNode result = grade(corpus.resolve("otter-assign-example/student/example.ipynb"), "corpus/otter/hw01");
        assertThat(result.path("score").asDouble()).isEqualTo(0.0);
        assertThat(result.path("max_score").asDouble()).isEqualTo(41.0);
    }

    @AfterEach
    void nothingLeftBehind() throws Exception {
        assertThat(leftBehind(DEPLOYMENT)).as("left behind by gofer grade").isEmpty();
    }

    /** The variables that choose the executor under test: none for Docker, the default. */
    protected Map<String, String> executorEnv() {
        return Map.of();
    }

    /** Checks that the executor under test did the gradings (Docker: the scores show it). */
    protected void assertGradedByTheExecutor(int gradings) {}

    /** What of the deployment's gradings still exists after its grade processes ended. */
    protected List<String> leftBehind(String deployment) throws Exception {
        return DockerCli.containersWithLabel("gofer.deployment=" + deployment);
    }

    private static List<String> questions(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("tests")
                .forEach(t ->
                        out.add(t.path("name").asText() + " " + t.path("score").asDouble()));
        return out;
    }

    private JsonNode grade(Path notebook, String assignment) throws Exception {
        Path jar = Path.of("target/gofer.jar").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "grade",
                notebook.toString(),
                "--assignment",
                assignment,
                "--json");
        pb.environment().put("GOFER_TESTS_DIR", tests.toString());
        pb.environment().put("GOFER_DEPLOYMENT", DEPLOYMENT);
        pb.environment().putAll(executorEnv());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("gofer grade finished").isTrue();
        assertThat(p.exitValue()).as("exit code; output: %s", out).isZero();
        assertGradedByTheExecutor(++gradings);
        return JSON.readTree(out);
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName().toString()));
            }
        }
    }
}
