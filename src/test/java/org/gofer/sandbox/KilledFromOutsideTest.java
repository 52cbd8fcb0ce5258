package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which ended runs are Docker's doing (retried) rather than the submission's (recorded). */
class KilledFromOutsideTest {

    private static SandboxOutcome outcome(SandboxOutcome.Kind kind, Integer exit) {
        return new SandboxOutcome(kind, Optional.empty(), Optional.ofNullable(exit), "", Duration.ZERO, "");
    }

    @Test
    void sigkillOrSigtermOfTheUnsignallableSupervisorCameFromOutside() {
        assertThat(DockerSandboxRunner.killedFromOutside(outcome(SandboxOutcome.Kind.HARNESS_FAILED, 137)))
                .isTrue();
        assertThat(DockerSandboxRunner.killedFromOutside(outcome(SandboxOutcome.Kind.HARNESS_FAILED, 143)))
                .isTrue();
    }

    @Test
    void theHarnessesOwnFailuresTimeoutsAndMemoryKillsAreTheSubmissions() {
        assertThat(DockerSandboxRunner.killedFromOutside(outcome(SandboxOutcome.Kind.HARNESS_FAILED, 1)))
                .isFalse();
        assertThat(DockerSandboxRunner.killedFromOutside(outcome(SandboxOutcome.Kind.HARNESS_FAILED, null)))
                .isFalse();
        assertThat(DockerSandboxRunner.killedFromOutside(outcome(SandboxOutcome.Kind.TIMED_OUT, 137)))
                .isFalse();
        assertThat(DockerSandboxRunner.killedFromOutside(outcome(SandboxOutcome.Kind.OUT_OF_MEMORY, 137)))
                .isFalse();
    }
}
