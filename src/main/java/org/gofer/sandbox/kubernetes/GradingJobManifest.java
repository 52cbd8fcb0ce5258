package org.gofer.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gofer.sandbox.HardenedHostConfig;
import org.gofer.sandbox.SandboxLimits;

/**
 * The Job that grades one submission, with {@code sandbox.HardenedHostConfig}'s hardening said in a
 * pod spec: non-root fixed uid/gid 1000, read-only root, no privilege escalation, every capability
 * dropped, seccomp {@code RuntimeDefault}, no service account token, no service links, requests =
 * limits (Guaranteed QoS, memory with no swap on a kubelet), memory-backed emptyDirs of the same sizes
 * as the Docker tmpfs ({@link HardenedHostConfig#homeMb}) for {@code /tmp} and {@code /home/gofer}, one attempt ({@code backoffLimit 0},
 * {@code restartPolicy Never}), a deadline that backs up the service's own wall clock, and a TTL
 * that removes a finished Job nobody deleted. The container's stdin is open for exactly one attach:
 * that is how the job line reaches the supervisor, never through a volume the student's code could
 * read. The pids limit is the node's ({@code podPidsLimit} in the kubelet configuration): a pod
 * spec cannot say it. Stateless.
 */
final class GradingJobManifest {
    /** The label that ties a grading pod to its Job, set by Gofer (the Job controller's own differs by version). */
    static final String RUN = "gofer.run";
    /** The key of the run secret in its Secret. */
    static final String SECRET_KEY = "run-secret";

    static final String CONTAINER = "grader";
    static final long UID = 1000;
    static final String HOME = HardenedHostConfig.HOME;
    /** Beyond the grading's wall clock: scheduling, image pull, start-up. */
    private static final Duration DEADLINE_SLACK = Duration.ofMinutes(2);

    private GradingJobManifest() {}

    static Job job(
            String name,
            String namespace,
            String image,
            SandboxLimits limits,
            Map<String, String> labels,
            Duration finishedJobTtl) {
        Map<String, String> podLabels = new LinkedHashMap<>(labels);
        podLabels.put(RUN, name);
        return new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withCompletions(1)
                .withParallelism(1)
                .withActiveDeadlineSeconds(limits.timeout().plus(DEADLINE_SLACK).toSeconds())
                .withTtlSecondsAfterFinished((int) finishedJobTtl.toSeconds())
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withHostNetwork(false)
                .withHostPID(false)
                .withHostIPC(false)
                .withTerminationGracePeriodSeconds(1L)
                .withSecurityContext(new PodSecurityContextBuilder()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(UID)
                        .withRunAsGroup(UID)
                        .withFsGroup(UID)
                        .withSeccompProfile(new SeccompProfileBuilder()
                                .withType("RuntimeDefault")
                                .build())
                        .build())
                .withContainers(container(image, limits))
                .withVolumes(memoryVolume("tmp", tmpMb(limits)), memoryVolume("home", homeMb(limits)))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(String image, SandboxLimits limits) {
        Map<String, Quantity> resources = Map.of(
                "memory", new Quantity(limits.memoryMb() + "Mi"),
                "cpu", new Quantity(Math.round(limits.cpus() * 1000) + "m"));
        Capabilities none = new CapabilitiesBuilder().withDrop("ALL").build();
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                // Tags are pinned; a node pulls an image it does not have, and no registry is asked again.
                .withImagePullPolicy("IfNotPresent")
                .withStdin(true)
                .withStdinOnce(true)
                .withTty(false)
                .addNewEnv()
                .withName("HOME")
                .withValue(HOME)
                .endEnv()
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(resources)
                        .withLimits(resources)
                        .build())
                .withSecurityContext(new SecurityContextBuilder()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(UID)
                        .withRunAsGroup(UID)
                        .withReadOnlyRootFilesystem(true)
                        .withAllowPrivilegeEscalation(false)
                        .withPrivileged(false)
                        .withCapabilities(none)
                        .withSeccompProfile(new SeccompProfileBuilder()
                                .withType("RuntimeDefault")
                                .build())
                        .build())
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("home")
                .withMountPath(HOME)
                .endVolumeMount()
                .build();
    }

    private static Volume memoryVolume(String name, long sizeMb) {
        return new VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .withMedium("Memory")
                .withSizeLimit(new Quantity(sizeMb + "Mi"))
                .endEmptyDir()
                .build();
    }

    /**
     * The run's secret, kept so that a Gofer process restarted mid-grading can verify the running
     * Job's result. No pod mounts it (the grading pod has no token and no network to read it with);
     * it belongs to its Job, so Kubernetes deletes it with the Job.
     */
    static Secret runSecret(String name, String namespace, Map<String, String> labels, Job owner, String secretHex) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .addNewOwnerReference()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withBlockOwnerDeletion(false)
                .withController(false)
                .endOwnerReference()
                .endMetadata()
                .withType("Opaque")
                .withStringData(Map.of(SECRET_KEY, secretHex))
                .build();
    }

    private static long homeMb(SandboxLimits limits) {
        return HardenedHostConfig.homeMb(limits);
    }

    private static long tmpMb(SandboxLimits limits) {
        return HardenedHostConfig.tmpMb(limits);
    }

    static List<String> volumeNames() {
        return List.of("tmp", "home");
    }
}
