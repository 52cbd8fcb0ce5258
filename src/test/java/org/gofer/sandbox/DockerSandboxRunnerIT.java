package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gofer.sandbox.SandboxOutcome.Kind;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness contract ({@link SandboxRunnerContract}) against a real Docker daemon, plus what is
 * Docker's own: the container's hardening as seen from inside, and health.
 */
@EnabledIfDocker
class DockerSandboxRunnerIT extends SandboxRunnerContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String deployment;
    private static DockerSandboxRunner runner;

    @BeforeAll
    static void connect() {
        docker = DockerClients.fromEnvironment();
        deployment = "it-" + UUID.randomUUID();
        runner = new DockerSandboxRunner(
                docker, FakeHarnessImages.PYTHON, deployment, new ActiveContainers(), Optional.empty());
    }

    @Override
    protected SandboxRunner runner() {
        return runner;
    }

    @AfterAll
    static void disconnect() throws Exception {
        runner.close();
        docker.close();
    }

    @AfterEach
    void noContainerIsLeftBehind() throws InterruptedException {
        assertThat(awaitNoContainers(docker, deployment)).isEmpty();
    }

    /** The runner removes containers in the background once a run returned: wait (bounded) for it. */
    static List<com.github.dockerjava.api.model.Container> awaitNoContainers(DockerClient docker, String deployment)
            throws InterruptedException {
        List<com.github.dockerjava.api.model.Container> left = List.of();
        for (int attempt = 0; attempt < 100; attempt++) {
            left = docker.listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(ContainerLabels.DEPLOYMENT, deployment))
                    .exec();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return left;
    }

    @Test
    void theContainerIsHardenedAsTheContractSays() throws Exception {
        SandboxOutcome outcome = runner.run(job("inspects", LIMITS));

        assertThat(outcome.kind()).as(outcome.detail() + "\n" + outcome.log()).isEqualTo(Kind.COMPLETED);
        JsonNode checks = JSON.readTree(outcome.resultJson().orElseThrow()).path("checks");
        assertThat(checks.path("pid").asInt()).as("supervisor is PID 1").isEqualTo(1);
        assertThat(checks.path("uid").asInt()).isEqualTo(1000);
        assertThat(checks.path("gid").asInt()).isEqualTo(1000);
        assertThat(checks.path("interfaces").toString()).isEqualTo("[\"lo\"]");
        assertThat(checks.path("root_read_only").asBoolean()).isTrue();
        assertThat(checks.path("tmp_writable").asBoolean()).isTrue();
        assertThat(checks.path("home_writable").asBoolean()).isTrue();
        assertThat(checks.path("home_mode").asText()).isEqualTo("0o700");
        assertThat(checks.path("home_owner").asInt()).isEqualTo(1000);
        assertThat(checks.path("tmp_mode").asText()).isEqualTo("0o1777");
        assertThat(checks.path("cap_eff").asText()).isEqualTo("0000000000000000");
        assertThat(checks.path("no_new_privs").asText()).isEqualTo("1");
        assertThat(checks.path("nofile").toString()).isEqualTo("[1024,1024]");
        assertThat(checks.path("pids_max").asText()).isEqualTo("64");
        assertThat(checks.path("memory_limit").asText()).isEqualTo(Long.toString(128L * 1024 * 1024));
        assertThat(checks.path("secret_in_environment").asBoolean()).isFalse();
        assertThat(checks.path("home_env").asText()).isEqualTo("/home/gofer");
    }

    @Test
    void healthyWhenDockerAnswersAndTheDefaultImageExists() {
        FakeHarnessImages.build(docker, "signed"); // makes sure the default (python) image exists
        assertThat(runner.healthy()).isTrue();
        try (DockerSandboxRunner noImage = new DockerSandboxRunner(
                docker, "gofer-test/no-such-image:0", deployment, new ActiveContainers(), Optional.empty())) {
            assertThat(noImage.healthy()).isFalse();
        }
    }
}
