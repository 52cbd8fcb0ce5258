package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gofer.assignment.Assignment;
import org.gofer.sandbox.SandboxOutcome.Kind;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner with the real grading image ({@code images/build}): a tiny notebook that answers q1
 * right and q2 wrong gets gofer's score 1 of 2 through a verified result line. Skipped when the
 * image has not been built.
 */
@EnabledIfDocker
class GraderImageIT {
    private static final String IMAGE = "gofer-grader:latest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DockerClient docker;
    private static String deployment;

    @BeforeAll
    static void connect() {
        docker = DockerClients.fromEnvironment();
        deployment = "it-grader-" + UUID.randomUUID();
    }

    @AfterAll
    static void disconnect() throws IOException {
        docker.close();
    }

    private static final SandboxLimits LIMITS =
            new SandboxLimits(1024, 1.0, 256, Duration.ofSeconds(120), 256, 30, 1_000_000);

    @Test
    void gradesATinyNotebookWithAVerifiedScore() throws Exception {
        assumeTrue(imageExists(), IMAGE + " is not built (run images/build)");
        try (DockerSandboxRunner runner =
                new DockerSandboxRunner(docker, IMAGE, deployment, new ActiveContainers(), Optional.empty())) {
            assertThat(runner.healthy()).isTrue();
            assertOneOfTwo(runner.run(job()));
        }
        assertNoContainerLeft();
    }

    @Test
    void gradesInAWarmContainerWhoseSupervisorWaitedForTheJob() throws Exception {
        assumeTrue(imageExists(), IMAGE + " is not built (run images/build)");
        ActiveContainers active = new ActiveContainers();
        WarmContainerPool pool = new WarmContainerPool(docker, active, deployment, IMAGE, LIMITS, 1);
        try (DockerSandboxRunner runner =
                new DockerSandboxRunner(docker, IMAGE, deployment, active, Optional.of(pool))) {
            for (int i = 0; i < 120 && pool.ready() == 0; i++) {
                Thread.sleep(500);
            }
            assertThat(pool.ready()).as("a warm container is waiting").isEqualTo(1);
            assertOneOfTwo(runner.run(job()));
        }
        assertNoContainerLeft();
    }

    @Test
    void aContainerStartedWhileEveryWorkerIsBusyLeavesPandasToTheNotebook() throws Exception {
        assumeTrue(imageExists(), IMAGE + " is not built (run images/build)");
        GradingLoad busy = new GradingLoad(1);
        busy.started();
        assertThat(pandasWasWarm(busy))
                .as("pandas imported while waiting behind a grading")
                .isFalse();
        assertThat(pandasWasWarm(new GradingLoad(1)))
                .as("pandas imported while no grading ran")
                .isTrue();
        assertNoContainerLeft();
    }

    /** Whether pandas was imported when a warm container started under that load had waited three seconds. */
    private static boolean pandasWasWarm(GradingLoad load) throws Exception {
        ActiveContainers active = new ActiveContainers();
        WarmContainerPool pool = new WarmContainerPool(docker, active, deployment, IMAGE, LIMITS, 1, load);
        try (DockerSandboxRunner runner =
                new DockerSandboxRunner(docker, IMAGE, deployment, active, Optional.of(pool))) {
            for (int i = 0; i < 120 && pool.ready() == 0; i++) {
                Thread.sleep(500);
            }
            assertThat(pool.ready()).as("a warm container is waiting").isEqualTo(1);
            Thread.sleep(3000); // more than the idle second after which an unhurried container imports pandas
            String cell = "import sys\nprint('pandas warm:', 'pandas' in sys.modules)";
            String notebook = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
                    + "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null,"
                    + " \"source\": " + JSON.writeValueAsString(cell) + "}]}";
            SandboxOutcome outcome = runner.run(new SandboxJob(
                    12,
                    "it/sandbox/warm-imports",
                    notebook.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    List.of(),
                    List.of(),
                    "gofer",
                    IMAGE,
                    LIMITS));
            assertThat(outcome.kind())
                    .as(outcome.detail() + "\n" + outcome.log())
                    .isEqualTo(Kind.COMPLETED);
            String stdout = JSON.readTree(outcome.resultJson().orElseThrow())
                    .path("output")
                    .path("stdout")
                    .asText();
            assertThat(stdout).containsPattern("pandas warm: (True|False)");
            return stdout.contains("pandas warm: True");
        }
    }

    private static SandboxJob job() throws IOException {
        return new SandboxJob(
                11,
                "it/sandbox/tiny",
                resource("passes-q1-fails-q2.ipynb"),
                List.of(
                        new Assignment.SourceFile("tests/q1.py", resource("q1.py")),
                        new Assignment.SourceFile("tests/q2.py", resource("q2.py"))),
                List.of(),
                "gofer",
                IMAGE,
                LIMITS);
    }

    private static void assertOneOfTwo(SandboxOutcome outcome) throws IOException {
        assertThat(outcome.kind()).as(outcome.detail() + "\n" + outcome.log()).isEqualTo(Kind.COMPLETED);
        JsonNode result = JSON.readTree(outcome.resultJson().orElseThrow());
        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("graded");
        assertThat(result.path("score").asDouble()).as(result.toString()).isEqualTo(1.0);
        assertThat(result.path("max_score").asDouble()).isEqualTo(2.0);
        assertThat(result.path("tests").findValuesAsText("name")).contains("q1", "q2");
    }

    private static void assertNoContainerLeft() {
        assertThat(docker.listContainersCmd()
                        .withShowAll(true)
                        .withLabelFilter(Map.of(ContainerLabels.DEPLOYMENT, deployment))
                        .exec())
                .isEmpty();
    }

    private static boolean imageExists() {
        try {
            docker.inspectImageCmd(IMAGE).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GraderImageIT.class.getResourceAsStream("/sandbox/grader/" + name)) {
            return in.readAllBytes();
        }
    }
}
