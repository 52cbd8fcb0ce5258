package org.gofer.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.gofer.config.AppConfig;
import org.gofer.config.ConfigLoader;
import org.gofer.sandbox.ContainerLabels;
import org.gofer.sandbox.RunSecret;
import org.gofer.sandbox.SandboxLimits;
import org.gofer.testsupport.KubernetesSchemaValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every object the Kubernetes executor creates, the grading Job and its run Secret, is valid
 * against the API server's schema of the oldest and the newest supported Kubernetes
 * ({@link KubernetesSchemaValidator}): built by {@link GradingJobManifest} from the service's
 * configuration, with its defaults and with every setting that reaches them changed, and written
 * as the client sends them, as JSON. And the check can fail: a misspelt field, a value of
 * the wrong type, a missing required field and an unknown kind are each reported, with the path.
 * Skipped, naming the install script, when the validator is not installed.
 */
class GradingManifestSchemaTest {
    @TempDir
    Path tmp;

    /** The service's configuration, as an operator writes it. */
    enum Settings {
        DEFAULTS(Map.of("GOFER_EXECUTOR", "kubernetes"), 1),
        // Every setting that reaches the manifests changed: a digest-pinned image of another registry,
        // the longest deployment label, large limits, a fractional CPU, a day's wall clock, no TTL.
        OVERRIDDEN(
                Map.of(
                        "GOFER_EXECUTOR", "kubernetes",
                        "GOFER_IMAGE", "registry.example.edu/course-a/gofer-grader@sha256:" + "0f".repeat(32),
                        "GOFER_DEPLOYMENT", "Course_A.2026-" + "x".repeat(49),
                        "GOFER_SANDBOX_MEMORY_MB", "65536",
                        "GOFER_SANDBOX_CPUS", "0.25",
                        "GOFER_SANDBOX_TIMEOUT_SECONDS", "86400",
                        "GOFER_SANDBOX_TMPFS_MB", "4096",
                        "GOFER_K8S_NAMESPACE", "course-a-grading",
                        "GOFER_K8S_JOB_TTL_SECONDS", "0"),
                Long.MAX_VALUE);

        final Map<String, String> env;
        final long submissionId;

        Settings(Map<String, String> env, long submissionId) {
            this.env = env;
            this.submissionId = submissionId;
        }
    }

    /** One mistake in a manifest, and what the validator must say of it. */
    enum Mistake {
        MISSPELT_FIELD(
                "job",
                "spec.template.spec.securityContext: Additional properties are not allowed ('runAsNonroot' was unexpected)",
                m -> {
                    ObjectNode context = (ObjectNode) m.at("/spec/template/spec/securityContext");
                    context.set("runAsNonroot", context.remove("runAsNonRoot"));
                }),
        WRONG_TYPE(
                "job",
                "spec.backoffLimit: '0' is not of type 'integer'",
                m -> ((ObjectNode) m.get("spec")).put("backoffLimit", "0")),
        // The owner's uid is what the API server gives the Job when it creates it.
        MISSING_REQUIRED_FIELD(
                "secret",
                "metadata.ownerReferences.0: 'uid' is a required property",
                m -> ((ObjectNode) m.at("/metadata/ownerReferences/0")).remove("uid")),
        UNKNOWN_KIND("job", "Couldn't find schema for kind GradingJob", m -> m.put("kind", "GradingJob"));

        final String manifest;
        final String message;
        final Consumer<ObjectNode> apply;

        Mistake(String manifest, String message, Consumer<ObjectNode> apply) {
            this.manifest = manifest;
            this.message = message;
            this.apply = apply;
        }
    }

    @BeforeEach
    void validatorIsInstalled() {
        KubernetesSchemaValidator.assumeInstalled();
    }

    @ParameterizedTest
    @EnumSource(Settings.class)
    void theJobAndItsRunSecretAreValidAgainstTheApiSchema(Settings settings) throws Exception {
        Job job = job(settings);
        Secret secret = runSecret(job, settings);

        List<String> violations =
                KubernetesSchemaValidator.violations(List.of(write("job", job), write("secret", secret)));

        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mistake.class)
    void aManifestWithAMistakeIsReportedInvalid(Mistake mistake) throws Exception {
        Job job = job(Settings.DEFAULTS);
        HasMetadata correct = mistake.manifest.equals("job") ? job : runSecret(job, Settings.DEFAULTS);
        ObjectNode broken = (ObjectNode) new ObjectMapper().readTree(Serialization.asJson(correct));
        mistake.apply.accept(broken);
        Path file = tmp.resolve(mistake.manifest + "-with-mistake.json");
        Files.writeString(file, broken.toPrettyString());

        List<String> violations = KubernetesSchemaValidator.violations(List.of(file));

        for (String version : KubernetesSchemaValidator.VERSIONS) {
            String against = "version " + version.substring(0, version.lastIndexOf('.'));
            assertThat(violations)
                    .as("against Kubernetes %s", version)
                    .anyMatch(v -> v.contains(mistake.message) && v.contains(against));
        }
    }

    private static Job job(Settings settings) {
        AppConfig.Sandbox sandbox = ConfigLoader.load(settings.env).sandbox();
        AppConfig.Kubernetes kubernetes = sandbox.kubernetes().orElseThrow();
        return GradingJobManifest.job(
                GradingJobNames.forSubmission(sandbox.deployment(), settings.submissionId),
                kubernetes.namespace(),
                sandbox.image(),
                SandboxLimits.forContainer(sandbox),
                labels(sandbox, settings),
                kubernetes.finishedJobTtl());
    }

    /** The secret as {@link GradingJobs#create} makes it: owned by the Job the API server returned. */
    private static Secret runSecret(Job job, Settings settings) {
        AppConfig.Sandbox sandbox = ConfigLoader.load(settings.env).sandbox();
        Job created = new JobBuilder(job)
                .editMetadata()
                .withUid(UUID.randomUUID().toString())
                .endMetadata()
                .build();
        return GradingJobManifest.runSecret(
                job.getMetadata().getName(),
                job.getMetadata().getNamespace(),
                labels(sandbox, settings),
                created,
                RunSecret.generate().hex());
    }

    private static Map<String, String> labels(AppConfig.Sandbox sandbox, Settings settings) {
        return new ContainerLabels(sandbox.deployment(), UUID.randomUUID().toString())
                .forSubmission(settings.submissionId);
    }

    private Path write(String name, HasMetadata manifest) throws IOException {
        Path file = tmp.resolve(name + ".json");
        Files.writeString(file, Serialization.asJson(manifest));
        return file;
    }
}
