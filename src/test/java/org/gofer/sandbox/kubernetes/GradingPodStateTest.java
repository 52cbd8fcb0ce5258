package org.gofer.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** Pod statuses as a kubelet writes them, read as the runner needs them: whose fault, and how it ended. */
class GradingPodStateTest {

    @Test
    void aPendingPodIsNotDecidedYet() {
        GradingPodState state = GradingPodState.of(pod("Pending", null, null, null));

        assertThat(state.startedOrDecided()).isFalse();
        assertThat(state.infrastructureFailure()).isEmpty();
    }

    @Test
    void aRunningContainerCanBeAttached() {
        GradingPodState state = GradingPodState.of(pod(
                "Running",
                null,
                null,
                new ContainerStateBuilder().withNewRunning().endRunning().build()));

        assertThat(state.running()).isTrue();
        assertThat(state.finishedOrFailed()).isFalse();
    }

    @Test
    void anOomKillIsTheSubmissionsOutcome() {
        GradingPodState state = GradingPodState.of(pod(
                "Failed",
                null,
                null,
                new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(137)
                        .withReason("OOMKilled")
                        .endTerminated()
                        .build()));

        assertThat(state.oomKilled()).isTrue();
        assertThat(state.exitCode()).contains(137);
        assertThat(state.infrastructureFailure()).isEmpty();
    }

    @Test
    void anImageThatCannotBePulledIsTheClustersFault() {
        GradingPodState state = GradingPodState.of(pod(
                "Pending",
                null,
                null,
                new ContainerStateBuilder()
                        .withNewWaiting()
                        .withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image")
                        .endWaiting()
                        .build()));

        assertThat(state.infrastructureFailure())
                .hasValueSatisfying(why -> assertThat(why).contains("missing or cannot be pulled", "ImagePullBackOff"));
    }

    @Test
    void anEvictedPodIsTheClustersFault() {
        GradingPodState state = GradingPodState.of(pod("Failed", "Evicted", "The node was low on memory.", null));

        assertThat(state.infrastructureFailure())
                .hasValueSatisfying(why -> assertThat(why).contains("evicted", "low on memory"));
    }

    @Test
    void aPodThatEndedWithoutItsContainersStateIsTheClustersFault() {
        GradingPodState state = GradingPodState.of(pod("Failed", "NodeLost", null, null));

        assertThat(state.infrastructureFailure()).isPresent();
    }

    private static Pod pod(String phase, String reason, String message, ContainerState state) {
        var status = new PodBuilder()
                .withNewMetadata()
                .withName("gofer-x-1-abcde")
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .withReason(reason)
                .withMessage(message);
        if (state != null) {
            status = status.addNewContainerStatus()
                    .withName(GradingJobManifest.CONTAINER)
                    .withImage("gofer-grader:1")
                    .withState(state)
                    .endContainerStatus();
        }
        return status.endStatus().build();
    }
}
