package org.gofer.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import org.gofer.sandbox.ContainerLabels;
import org.gofer.sandbox.SandboxLimits;
import org.junit.jupiter.api.Test;

/**
 * The grading Job's manifest: the Docker sandbox's hardening, said as a pod spec, and a manifest the
 * API accepts: it survives a round trip through the Kubernetes model's JSON with nothing the model
 * does not know ({@code additionalProperties} empty everywhere we look), and has the fields the API
 * requires (DNS-1123 names, a container name and image, restartPolicy Never for a Job).
 */
class GradingJobManifestTest {
    private static final SandboxLimits LIMITS =
            new SandboxLimits(512, 0.5, 128, Duration.ofSeconds(90), 256, 30, 1_000_000);
    private static final Map<String, String> LABELS = new ContainerLabels("course-a", "instance-1").forSubmission(42);

    private final Job job = GradingJobManifest.job(
            GradingJobNames.forSubmission("course-a", 42),
            "gofer-grading",
            "gofer-grader:2026.12",
            LIMITS,
            LABELS,
            Duration.ofMinutes(10));

    @Test
    void theJobRunsOnceWithADeadlineAndATtl() {
        assertThat(job.getMetadata().getName()).isEqualTo("gofer-course-a-42");
        assertThat(job.getMetadata().getLabels()).containsAllEntriesOf(LABELS);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(90 + 120);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(LABELS)
                .containsEntry(GradingJobManifest.RUN, "gofer-course-a-42");
    }

    @Test
    void thePodIsHardenedLikeTheDockerSandbox() {
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container c = pod.getContainers().get(0);
        assertThat(c.getStdin()).isTrue();
        assertThat(c.getStdinOnce()).isTrue();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getPrivileged()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
        assertThat(c.getResources().getLimits().get("cpu").toString()).isEqualTo("500m");
        assertThat(c.getResources().getRequests()).isEqualTo(c.getResources().getLimits());
        assertThat(pod.getVolumes())
                .allSatisfy(v -> assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory"));
        assertThat(pod.getVolumes().stream()
                        .map(v -> v.getName() + "=" + v.getEmptyDir().getSizeLimit()))
                .containsExactly("tmp=64Mi", "home=192Mi");
        assertThat(c.getVolumeMounts().stream().map(m -> m.getName() + ":" + m.getMountPath()))
                .containsExactly("tmp:/tmp", "home:/home/gofer");
        assertThat(c.getEnv()).noneMatch(e -> e.getName().toLowerCase().contains("secret"));
    }

    @Test
    void theManifestIsOneTheApiKnowsWithItsRequiredFields() {
        String json = Serialization.asJson(job);
        Job back = Serialization.unmarshal(json, Job.class);

        assertThat(back).isEqualTo(job);
        assertThat(back.getApiVersion()).isEqualTo("batch/v1");
        assertThat(back.getKind()).isEqualTo("Job");
        assertThat(back.getAdditionalProperties()).isEmpty();
        assertThat(back.getSpec().getAdditionalProperties()).isEmpty();
        PodSpec pod = back.getSpec().getTemplate().getSpec();
        assertThat(pod.getAdditionalProperties()).isEmpty();
        assertThat(pod.getContainers()).hasSize(1);
        Container c = pod.getContainers().get(0);
        assertThat(c.getAdditionalProperties()).isEmpty();
        assertThat(c.getSecurityContext().getAdditionalProperties()).isEmpty();
        assertThat(c.getName()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(c.getImage()).isNotBlank();
        assertThat(back.getMetadata().getName()).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        back.getMetadata()
                .getLabels()
                .forEach((k, v) ->
                        assertThat(v).as("label %s", k).matches("([A-Za-z0-9][-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?"));
    }

    @Test
    void namesStayValidForAnyDeploymentLabel() {
        assertThat(GradingJobNames.forSubmission("Course_A.2026", 7)).isEqualTo("gofer-course-a-2026-7");
        assertThat(GradingJobNames.forSubmission("x".repeat(63), Long.MAX_VALUE))
                .hasSizeLessThanOrEqualTo(63)
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }
}
