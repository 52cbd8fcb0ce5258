package org.gofer.environment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one-line reason a failed build gives instructors. */
class EnvironmentBuilderTest {

    @Test
    void pipsOrAptsOwnErrorWins() {
        assertThat(
                        EnvironmentBuilder.reason(
                                "ERROR: No matching distribution found for nope==1.0",
                                "Could not build image: The command '/bin/sh -c if ! python3 -m pip ...' returned a non-zero code: 1"))
                .isEqualTo("ERROR: No matching distribution found for nope==1.0");
    }

    @Test
    void withoutOneTheExitCodeIsGivenWithoutTheEchoedCommand() {
        assertThat(EnvironmentBuilder.reason(
                        null,
                        "Could not build image: The command '/bin/sh -c apt-get update && apt-get install -y x' returned a "
                                + "non-zero code: 100"))
                .isEqualTo("a build step exited with code 100 (the end of the build log says why)");
        assertThat(EnvironmentBuilder.reason(null, "connection refused\nmore")).isEqualTo("connection refused");
        assertThat(EnvironmentBuilder.reason(null, null)).isEqualTo("the build failed");
    }

    @Test
    void aFailedStepIsTheSpecsFaultDockerFailingUnderTheBuildIsNot() {
        assertThat(EnvironmentBuilder.stepFailed("ERROR: No matching distribution found for nope==1.0", "x"))
                .isTrue();
        assertThat(
                        EnvironmentBuilder.stepFailed(
                                null,
                                "Could not build image: The command '/bin/sh -c apt-get install -y x' returned a non-zero code: 100"))
                .isTrue();
        // Seen when the daemon was stopped during a build: the spec is fine, the build starts again later.
        assertThat(EnvironmentBuilder.stepFailed(
                        null,
                        "Could not build image: failed to update store for object "
                                + "type *libnetwork.endpoint: open : no such file or directory"))
                .isFalse();
        assertThat(EnvironmentBuilder.stepFailed(null, "java.io.IOException: Broken pipe"))
                .isFalse();
        assertThat(EnvironmentBuilder.stepFailed(null, null)).isFalse();
    }
}
