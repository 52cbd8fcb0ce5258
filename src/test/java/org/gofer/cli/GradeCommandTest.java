package org.gofer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.testsupport.Fixtures.notebook;
import static org.gofer.testsupport.Fixtures.okTest;
import static org.gofer.testsupport.Fixtures.write;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.config.ConfigLoader;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gofer grade} where no environment can be built, as on the Kubernetes executor. */
class GradeCommandTest {
    private static final long RUN_ID = 4_242_424_242_424L;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RecordingRunner sandbox = new RecordingRunner();
    private Path tests;
    private Path submission;

    @BeforeEach
    void layOut() {
        tests = dir.resolve("notebooks-tests");
        write(tests, "c/s/plain/tests/q1.py", okTest("q1", 1));
        write(tests, "c/s/needs-env/tests/q1.py", okTest("q1", 1));
        write(tests, "c/s/needs-env/assignment.json", "{\"environment\": {\"apt\": [\"sl\"]}}");
        submission = write(dir, "submission.ipynb", notebook("c", "s", "plain", "x = 1"));
    }

    private int grade(String assignment) {
        return new GradeCommand(
                        ConfigLoader.load(Map.of("GOFER_TESTS_DIR", tests.toString())),
                        sandbox,
                        Optional.empty(),
                        RUN_ID,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(submission.toString(), "--assignment", assignment, "--json"));
    }

    @Test
    void anEnvironmentToBuildFailsWithWhatToDoInsteadAndGradesNothing() {
        int code = grade("c/s/needs-env");

        assertThat(code).isEqualTo(1);
        assertThat(sandbox.jobs).as("gradings started").isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("gofer grade: c/s/needs-env asks for an environment to be built")
                .contains("this process builds no environments")
                .contains("only with the Docker executor")
                .contains("name it with \"image\" in assignment.json");
    }

    @Test
    void anAssignmentWithoutEnvironmentGradesInItsImageUnderTheRunId() {
        int code = grade("c/s/plain");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(sandbox.jobs).singleElement().satisfies(job -> {
            assertThat(job.image()).isEqualTo("gofer-grader:latest");
            assertThat(job.submissionId()).isEqualTo(RUN_ID);
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"status\":\"failed\"");
    }

    /** Keeps the jobs it is given; every run ends as a harness that produced nothing. */
    private static final class RecordingRunner implements SandboxRunner {
        final List<SandboxJob> jobs = new ArrayList<>();

        @Override
        public SandboxOutcome run(SandboxJob job) {
            jobs.add(job);
            return new SandboxOutcome(
                    SandboxOutcome.Kind.HARNESS_FAILED,
                    Optional.empty(),
                    Optional.of(1),
                    "",
                    Duration.ZERO,
                    "the stand-in grades nothing");
        }

        @Override
        public boolean healthy() {
            return true;
        }
    }
}
