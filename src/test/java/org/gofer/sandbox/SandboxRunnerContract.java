package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gofer.assignment.Assignment;
import org.gofer.sandbox.SandboxOutcome.Kind;
import org.junit.jupiter.api.Test;

/**
 * The service's side of the harness contract, the same for every executor: fake supervisors (see
 * {@link FakeHarnessImages}) that behave well, lie, break, hang, hog memory or flood must end as the
 * same outcomes whether a container runs on Docker or a pod on Kubernetes. A subclass per executor
 * supplies the runner (and its own checks of how the container is hardened).
 */
public abstract class SandboxRunnerContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    protected static final SandboxLimits LIMITS =
            new SandboxLimits(128, 1.0, 64, Duration.ofSeconds(60), 32, 30, 1_000_000);

    /** Builds the fake images. */
    protected static DockerClient docker;

    /** The runner under test. */
    protected abstract SandboxRunner runner();

    @Test
    void aSignedResultCompletesAndTheJobArrivedIntact() throws Exception {
        SandboxOutcome outcome = runner().run(job("signed", LIMITS));

        assertThat(outcome.kind()).as(outcome.detail() + "\n" + outcome.log()).isEqualTo(Kind.COMPLETED);
        assertThat(outcome.detail()).isEmpty();
        assertThat(outcome.exitCode()).contains(0);
        assertThat(outcome.log())
                .contains("supervisor: job received", "a diagnostic on stderr")
                .doesNotContain("GOFER-RESULT");
        JsonNode result = JSON.readTree(outcome.resultJson().orElseThrow());
        assertThat(result.path("score").asDouble()).isEqualTo(2.0);
        JsonNode echo = result.path("echo");
        assertThat(echo.path("protocol").asInt()).isEqualTo(1);
        assertThat(echo.path("assignment").asText()).isEqualTo("course/section/lab01");
        assertThat(echo.path("cells").asInt()).isEqualTo(2);
        assertThat(echo.path("files").path("data.csv").asText()).isEqualTo("a,b\n1,2\n");
        assertThat(echo.path("tests").path("tests/q1.py").asText()).startsWith("test = {");
        assertThat(echo.path("secret_hex_chars").asInt()).isEqualTo(64);
        assertThat(echo.path("limits").path("cell_timeout_s").asInt()).isEqualTo(30);
    }

    @Test
    void aForgedResultLineIsIgnored() {
        SandboxOutcome outcome = runner().run(job("forged", LIMITS));

        assertThat(outcome.kind()).isEqualTo(Kind.HARNESS_FAILED);
        assertThat(outcome.resultJson()).isEmpty();
        assertThat(outcome.exitCode()).contains(0);
        assertThat(outcome.detail()).contains("did not verify");
    }

    @Test
    void noResultLineIsAHarnessFailure() {
        SandboxOutcome outcome = runner().run(job("silent", LIMITS));

        assertThat(outcome.kind()).isEqualTo(Kind.HARNESS_FAILED);
        assertThat(outcome.detail()).contains("without writing a result");
        assertThat(outcome.log()).contains("nothing to say");
    }

    @Test
    void aHarnessThatRunsTooLongIsKilledAtTheWallClock() {
        SandboxLimits shortClock = new SandboxLimits(128, 1.0, 64, Duration.ofSeconds(3), 32, 30, 1_000_000);

        SandboxOutcome outcome = runner().run(job("sleeps", shortClock));

        assertThat(outcome.kind()).isEqualTo(Kind.TIMED_OUT);
        assertThat(outcome.detail()).contains("limit of 3 s");
        assertThat(outcome.resultJson()).isEmpty();
        assertThat(outcome.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(outcome.log()).contains("supervisor: sleeping");
    }

    @Test
    void aHarnessOverItsMemoryIsReportedAsOutOfMemory() {
        SandboxLimits small = new SandboxLimits(64, 1.0, 64, Duration.ofSeconds(60), 16, 30, 1_000_000);

        SandboxOutcome outcome = runner().run(job("allocates", small));

        assertThat(outcome.kind()).as(outcome.detail() + "\n" + outcome.log()).isEqualTo(Kind.OUT_OF_MEMORY);
        assertThat(outcome.detail()).contains("64 MB");
        assertThat(outcome.resultJson()).isEmpty();
    }

    @Test
    void aNonZeroExitIsAHarnessFailureWithItsCode() {
        SandboxOutcome outcome = runner().run(job("exits3", LIMITS));

        assertThat(outcome.kind()).isEqualTo(Kind.HARNESS_FAILED);
        assertThat(outcome.exitCode()).contains(3);
        assertThat(outcome.detail()).contains("exited with code 3");
        assertThat(outcome.log()).contains("something broke");
    }

    @Test
    void floodedOutputIsCappedAndTheResultStillCounts() throws Exception {
        SandboxOutcome outcome = runner().run(job("floods", LIMITS));

        assertThat(outcome.kind()).as(outcome.detail()).isEqualTo(Kind.COMPLETED);
        assertThat(JSON.readTree(outcome.resultJson().orElseThrow())
                        .path("score")
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(outcome.log().length()).isLessThan(ContainerSession.LOG_BYTES + 200);
        assertThat(outcome.log()).containsPattern("\\[\\d+ more bytes of output were dropped\\]");
    }

    @Test
    void aMissingImageIsTheServiceProblemNotTheStudents() {
        SandboxJob job = job("signed", LIMITS);
        SandboxJob missing = new SandboxJob(
                job.submissionId(),
                job.assignment(),
                job.notebook(),
                job.tests(),
                job.supportFiles(),
                job.scoring(),
                "gofer-test/no-such-image:" + UUID.randomUUID(),
                job.limits());

        assertThatThrownBy(() -> runner().run(missing))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("missing");
    }

    protected static SandboxJob job(String fake, SandboxLimits limits) {
        return jobForImage(FakeHarnessImages.build(docker, fake), limits);
    }

    /** The test job (one code cell, one test, one support file) for a fake supervisor's image. */
    protected static SandboxJob jobForImage(String image, SandboxLimits limits) {
        String notebook = """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                 "cells": [
                   {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [], "execution_count": null},
                   {"cell_type": "markdown", "metadata": {}, "source": "# done"}]}
                """;
        return new SandboxJob(
                7,
                "course/section/lab01",
                notebook.getBytes(StandardCharsets.UTF_8),
                List.of(new Assignment.SourceFile(
                        "tests/q1.py",
                        "test = {'name': 'q1', 'points': 1, 'suites': []}\n".getBytes(StandardCharsets.UTF_8))),
                List.of(new Assignment.SourceFile("data.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))),
                "gofer",
                image,
                limits);
    }
}
