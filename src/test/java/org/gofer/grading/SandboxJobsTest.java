package org.gofer.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.sandbox.SandboxLimits;
import org.junit.jupiter.api.Test;

class SandboxJobsTest {
    @Test
    void serviceDefaultsApplyWhenTheAssignmentSetsNothing() {
        SandboxLimits l = SandboxJobs.limits(Assignment.Limits.none(), GradingPipelineTest.DEFAULTS);

        assertThat(l)
                .isEqualTo(new SandboxLimits(
                        1024,
                        1.0,
                        256,
                        Duration.ofSeconds(300),
                        256,
                        SandboxLimits.defaults().cellTimeoutSeconds(),
                        SandboxLimits.defaults().outputBytes()));
    }

    @Test
    void everyAssignmentOverrideWins() {
        Assignment.Limits overrides = new Assignment.Limits(
                Optional.of(2048L),
                Optional.of(2.0),
                Optional.of(64L),
                Optional.of(60L),
                Optional.of(10L),
                Optional.of(5000L));

        SandboxLimits l = SandboxJobs.limits(overrides, GradingPipelineTest.DEFAULTS);

        assertThat(l).isEqualTo(new SandboxLimits(2048, 2.0, 64, Duration.ofSeconds(60), 256, 10, 5000));
    }
}
