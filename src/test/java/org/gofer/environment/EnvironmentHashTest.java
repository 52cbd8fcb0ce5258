package org.gofer.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The content hash that names an environment, and the Dockerfile generated for it. */
class EnvironmentHashTest {
    private static final String BASE_ID = "sha256:" + "a".repeat(64);

    private static EnvironmentSpec spec(String base, List<String> apt, String requirements) {
        return new EnvironmentSpec(
                base,
                apt,
                requirements.isEmpty() ? Optional.empty() : Optional.of("requirements.txt"),
                requirements.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSameSpecOnTheSameBaseHasTheSameHashAndTag() {
        String a = EnvironmentHash.of(spec("gofer-grader:latest", List.of("sl"), "pyfiglet==1.0.2\n"), BASE_ID);
        String b = EnvironmentHash.of(spec("gofer-grader:latest", List.of("sl"), "pyfiglet==1.0.2\n"), BASE_ID);

        assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
        assertThat(EnvironmentHash.tag(a)).isEqualTo("gofer-env:" + a.substring(0, 16));
    }

    @Test
    void anyChangeOfRequirementsPackagesOrTheBaseImageChangesTheHash() {
        String original = EnvironmentHash.of(spec("gofer-grader:latest", List.of("sl"), "pyfiglet==1.0.2\n"), BASE_ID);

        assertThat(EnvironmentHash.of(spec("gofer-grader:latest", List.of("sl"), "pyfiglet==1.0.1\n"), BASE_ID))
                .isNotEqualTo(original);
        assertThat(EnvironmentHash.of(spec("gofer-grader:latest", List.of("sl", "tree"), "pyfiglet==1.0.2\n"), BASE_ID))
                .isNotEqualTo(original);
        assertThat(EnvironmentHash.of(spec("gofer-grader:latest", List.of(), "pyfiglet==1.0.2\n"), BASE_ID))
                .isNotEqualTo(original);
        assertThat(EnvironmentHash.of(
                        spec("gofer-grader:latest", List.of("sl"), "pyfiglet==1.0.2\n"), "sha256:" + "b".repeat(64)))
                .as("a rebuilt base image")
                .isNotEqualTo(original);
    }

    @Test
    void theBaseImagesNameIsNotPartOfTheHashOnlyItsId() {
        assertThat(EnvironmentHash.of(spec("gofer-grader:latest", List.of("sl"), ""), BASE_ID))
                .isEqualTo(EnvironmentHash.of(spec("gofer-grader:2026", List.of("sl"), ""), BASE_ID));
    }

    @Test
    void theCanonicalFormKeepsPartsApart() {
        // A package list cannot pass for a requirements hash: every part has its own line and name.
        String canonical = EnvironmentHash.canonical(spec("x", List.of("sl"), "cowsay\n"), BASE_ID);
        assertThat(canonical)
                .isEqualTo(EnvironmentHash.RECIPE + "\nbase-image-id=" + BASE_ID + "\napt=sl\n" + "requirements-sha256="
                        + EnvironmentHash.sha256("cowsay\n".getBytes(StandardCharsets.UTF_8)) + "\n");
    }

    @Test
    void theDockerfileInstallsAsRootFallsBackToDebiansPipAndReturnsToTheGradingUser() {
        String hash = "c".repeat(64);
        String d = EnvironmentDockerfile.render(
                spec("gofer-grader:latest", List.of("graphviz", "sl"), "cowsay\n"),
                hash,
                BASE_ID,
                Set.of("PIP_INDEX_URL"),
                true);

        assertThat(d.lines().filter(l -> !l.startsWith("#")).findFirst()).contains("FROM " + BASE_ID);
        assertThat(d)
                .contains("USER root\n")
                .contains("apt-get install -y --no-install-recommends graphviz sl")
                .contains("rm -rf /var/lib/apt/lists/*")
                .contains("ARG PIP_INDEX_URL\n")
                .doesNotContain("ARG PIP_EXTRA_INDEX_URL")
                .contains("if ! python3 -m pip --version")
                .contains("python3-pip")
                .contains("PIP_BREAK_SYSTEM_PACKAGES=1")
                .contains("PIP_CERT=/opt/gofer/environment/pip-cert.pem")
                .contains("python3 -m pip install --no-cache-dir --no-input -r /opt/gofer/environment/requirements.txt")
                .contains("LABEL org.gofer.environment.hash=\"" + hash + "\"")
                .doesNotContain("CMD")
                .doesNotContain("WORKDIR");
        assertThat(d.strip().lines().filter(l -> l.startsWith("USER")).toList())
                .containsExactly("USER root", "USER 1000:1000");
    }

    @Test
    void aptOnlyEnvironmentsHaveNoPipStep() {
        String d = EnvironmentDockerfile.render(
                spec("gofer-grader:latest", List.of("sl"), ""), "d".repeat(64), BASE_ID, Set.of(), false);
        assertThat(d)
                .contains("install -y --no-install-recommends sl")
                .doesNotContain("pip")
                .doesNotContain("COPY");
    }

    @Test
    void pipSettingsComeFromTheEnvironmentWhenSet() {
        PipSettings pip = PipSettings.fromConfig(org.gofer.config.ConfigLoader.load(java.util.Map.of(
                        "PIP_INDEX_URL",
                        "http://127.0.0.1:3141/simple",
                        "PIP_TRUSTED_HOST",
                        " ",
                        "PIP_CERT",
                        "/no/such/file",
                        "HOME",
                        "/root"))
                .pip());
        assertThat(pip.buildArgs()).containsOnlyKeys("PIP_INDEX_URL");
        assertThat(pip.caBundle()).isEmpty();
    }
}
