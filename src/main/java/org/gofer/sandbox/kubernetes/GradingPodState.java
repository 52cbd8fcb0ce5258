package org.gofer.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.Set;

/**
 * What the grading container of a pod is doing, read from the pod's status: waiting, running,
 * terminated (exit code, OOM kill), or stuck for reasons that are the cluster's and not the
 * student's (image pull failure, eviction, a pod failed without a container result). Immutable.
 *
 * @param running the container runs (its stdin can be attached)
 * @param terminated the container ended, when it did
 * @param infrastructureFailure why the pod cannot grade, when the cluster is to blame
 */
record GradingPodState(
        boolean running, Optional<ContainerStateTerminated> terminated, Optional<String> infrastructureFailure) {

    /** Waiting reasons that will not resolve by waiting for a grading's few minutes. */
    private static final Set<String> STUCK = Set.of(
            "ErrImagePull",
            "ImagePullBackOff",
            "InvalidImageName",
            "ErrImageNeverPull",
            "CreateContainerConfigError",
            "CreateContainerError",
            "RunContainerError");

    static GradingPodState of(Pod pod) {
        var status = pod.getStatus();
        if (status == null) {
            return new GradingPodState(false, Optional.empty(), Optional.empty());
        }
        if ("Evicted".equals(status.getReason()) || "Preempted".equals(status.getReason())) {
            return failure(
                    "pod " + name(pod) + " was " + status.getReason().toLowerCase() + ": " + status.getMessage());
        }
        Optional<ContainerStatus> container = status.getContainerStatuses() == null
                ? Optional.empty()
                : status.getContainerStatuses().stream()
                        .filter(c -> GradingJobManifest.CONTAINER.equals(c.getName()))
                        .findFirst();
        if (container.isPresent() && container.get().getState() != null) {
            var state = container.get().getState();
            if (state.getTerminated() != null) {
                return new GradingPodState(false, Optional.of(state.getTerminated()), Optional.empty());
            }
            if (state.getRunning() != null) {
                return new GradingPodState(true, Optional.empty(), Optional.empty());
            }
            ContainerStateWaiting waiting = state.getWaiting();
            if (waiting != null && STUCK.contains(waiting.getReason())) {
                String why =
                        waiting.getReason() + (waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")");
                return failure(
                        waiting.getReason().contains("Image")
                                ? "the grading image " + container.get().getImage()
                                        + " is missing or cannot be pulled: " + why
                                : "the grading container of pod " + name(pod) + " cannot start: " + why);
            }
        }
        if ("Failed".equals(status.getPhase()) || "Succeeded".equals(status.getPhase())) {
            return failure("pod " + name(pod) + " ended (" + status.getPhase() + ", " + status.getReason()
                    + ") without its container's exit state");
        }
        return new GradingPodState(false, Optional.empty(), Optional.empty());
    }

    private static GradingPodState failure(String why) {
        return new GradingPodState(false, Optional.empty(), Optional.of(why));
    }

    private static String name(Pod pod) {
        return pod.getMetadata() == null ? "?" : pod.getMetadata().getName();
    }

    /** Whether the runner can stop waiting for the pod to start. */
    boolean startedOrDecided() {
        return running || terminated.isPresent() || infrastructureFailure.isPresent();
    }

    boolean finishedOrFailed() {
        return terminated.isPresent() || infrastructureFailure.isPresent();
    }

    boolean oomKilled() {
        return terminated.map(t -> "OOMKilled".equals(t.getReason())).orElse(false);
    }

    Optional<Integer> exitCode() {
        return terminated.map(ContainerStateTerminated::getExitCode);
    }
}
