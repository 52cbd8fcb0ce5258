package org.gofer.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gofer.result.GradingReport;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxLimits;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

class OutcomeInterpreterTest {
    private final OutcomeInterpreter interpreter = new OutcomeInterpreter();
    private final SandboxJob job = new SandboxJob(
            7,
            "c/s/a",
            new byte[0],
            List.of(),
            List.of(),
            "gofer",
            "img",
            new SandboxLimits(512, 1.0, 64, Duration.ofSeconds(90), 64, 30, 1000));

    private static SandboxOutcome outcome(SandboxOutcome.Kind kind, Optional<String> json, String detail) {
        return new SandboxOutcome(kind, json, Optional.empty(), "", Duration.ofSeconds(1), detail);
    }

    @Test
    void completedWithAVerifiedResultIsParsed() {
        GradingReport r = interpreter.interpret(
                job, outcome(SandboxOutcome.Kind.COMPLETED, Optional.of(Fixtures.text("results/partial.json")), ""));

        assertThat(r.status()).isEqualTo("graded");
        assertThat(r.score()).isEqualTo(2.5);
    }

    @Test
    void completedWithoutAResultFails() {
        GradingReport r = interpreter.interpret(job, outcome(SandboxOutcome.Kind.COMPLETED, Optional.empty(), ""));

        assertThat(r.status()).isEqualTo("failed");
        assertThat(r.reason()).contains("grading produced no verifiable result");
    }

    @Test
    void truncatedResultsFailSayingTheyAreMalformed() {
        GradingReport r = interpreter.interpret(
                job, outcome(SandboxOutcome.Kind.COMPLETED, Optional.of(Fixtures.text("results/truncated.json")), ""));

        assertThat(r.status()).isEqualTo("failed");
        assertThat(r.reason()).get().asString().startsWith("grading produced malformed results (results are not JSON");
    }

    @Test
    void limitsAreNamedWithTheJobsOwnValues() {
        assertThat(interpreter
                        .interpret(job, outcome(SandboxOutcome.Kind.TIMED_OUT, Optional.empty(), ""))
                        .reason())
                .get()
                .asString()
                .contains("90 s limit");
        assertThat(interpreter
                        .interpret(job, outcome(SandboxOutcome.Kind.OUT_OF_MEMORY, Optional.empty(), ""))
                        .reason())
                .get()
                .asString()
                .contains("512 MB memory limit");
    }

    @Test
    void aResultThatCameWithATimeoutIsIgnored() {
        GradingReport r = interpreter.interpret(
                job, outcome(SandboxOutcome.Kind.TIMED_OUT, Optional.of(Fixtures.text("results/full-marks.json")), ""));

        assertThat(r.status()).isEqualTo("failed");
        assertThat(r.score()).isZero();
    }
}
