package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gofer.sandbox.SandboxOutcome.Kind;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {
    private static final RunSecret SECRET = new RunSecret("12".repeat(32));
    private static final String GOOD =
            ResultLineVerifierTest.line(SECRET, ResultLineVerifierTest.payload("{\"score\": 1}"));
    private static final String FORGED = ResultLineVerifierTest.line(
            new RunSecret("34".repeat(32)), ResultLineVerifierTest.payload("{\"score\": 9}"));

    @Test
    void aVerifiedLineAndExitZeroIsCompleted() {
        SandboxOutcome outcome = classify(false, false, Optional.of(0), List.of(FORGED, GOOD));
        assertThat(outcome.kind()).isEqualTo(Kind.COMPLETED);
        assertThat(outcome.resultJson()).contains("{\"score\": 1}");
        assertThat(outcome.detail()).isEmpty();
    }

    @Test
    void aHarnessThatSurvivedAnOomOfItsRunnerStillCompletes() {
        assertThat(classify(false, true, Optional.of(0), List.of(GOOD)).kind()).isEqualTo(Kind.COMPLETED);
    }

    @Test
    void ourTimeoutWinsOverEverythingElse() {
        SandboxOutcome outcome = classify(true, true, Optional.of(137), List.of(GOOD));
        assertThat(outcome.kind()).isEqualTo(Kind.TIMED_OUT);
        assertThat(outcome.resultJson()).isEmpty();
        assertThat(outcome.detail()).contains("5 min");
    }

    @Test
    void anOomKillIsOutOfMemory() {
        SandboxOutcome outcome = classify(false, true, Optional.of(137), List.of());
        assertThat(outcome.kind()).isEqualTo(Kind.OUT_OF_MEMORY);
        assertThat(outcome.detail()).contains("256 MB");
    }

    @Test
    void aVerifiedLineWithANonZeroExitIsNotTrusted() {
        SandboxOutcome outcome = classify(false, false, Optional.of(2), List.of(GOOD));
        assertThat(outcome.kind()).isEqualTo(Kind.HARNESS_FAILED);
        assertThat(outcome.resultJson()).isEmpty();
        assertThat(outcome.detail()).contains("exited with code 2");
    }

    @Test
    void aSignalIsNamed() {
        assertThat(classify(false, false, Optional.of(137), List.of()).detail()).contains("killed by signal 9");
    }

    @Test
    void forgedAndMissingResultsAreToldApart() {
        assertThat(classify(false, false, Optional.of(0), List.of(FORGED)).detail())
                .contains("did not verify");
        assertThat(classify(false, false, Optional.of(0), List.of()).detail()).contains("without writing a result");
        assertThat(classify(false, false, Optional.empty(), List.of(GOOD)).kind())
                .isEqualTo(Kind.HARNESS_FAILED);
    }

    private static SandboxOutcome classify(boolean timedOut, boolean oom, Optional<Integer> exit, List<String> lines) {
        return OutcomeClassifier.classify(
                new OutcomeClassifier.Observed(
                        timedOut, oom, exit, lines, "log", Duration.ofSeconds(1), Duration.ofMinutes(5), 256),
                SECRET);
    }
}
