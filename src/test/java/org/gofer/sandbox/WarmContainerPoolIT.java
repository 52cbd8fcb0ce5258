package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.gofer.sandbox.SandboxOutcome.Kind;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Warm containers are pre-started, used once, replaced, labelled and cleaned up. */
@EnabledIfDocker
class WarmContainerPoolIT {
    private static final SandboxLimits LIMITS =
            new SandboxLimits(128, 1.0, 64, Duration.ofSeconds(60), 32, 30, 1_000_000);
    private static final int POLLS = 120;

    private DockerClient docker;
    private String deployment;
    private String image;

    @BeforeEach
    void connect() {
        docker = DockerClients.fromEnvironment();
        deployment = "it-warm-" + UUID.randomUUID();
        image = FakeHarnessImages.build(docker, "signed");
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        try {
            assertThat(containers(Map.of())).isEmpty();
        } finally {
            for (Container c : containers(Map.of())) {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            }
            docker.close();
        }
    }

    @Test
    void aJobTakesAWarmContainerWhichIsThenReplacedAndNeverReused() throws Exception {
        ActiveContainers active = new ActiveContainers();
        WarmContainerPool pool = new WarmContainerPool(docker, active, deployment, image, LIMITS, 2);
        try (DockerSandboxRunner runner =
                new DockerSandboxRunner(docker, image, deployment, active, Optional.of(pool))) {
            Set<String> before = awaitWarm(2);
            assertThat(containers(Map.of(ContainerLabels.WARM, "true")))
                    .allSatisfy(c -> assertThat(c.getLabels())
                            .containsEntry(ContainerLabels.MANAGED, "true")
                            .containsEntry(ContainerLabels.INSTANCE, active.instanceId())
                            .doesNotContainKey(ContainerLabels.SUBMISSION));

            SandboxOutcome first = runner.run(job(LIMITS));
            assertThat(first.kind()).as(first.detail() + "\n" + first.log()).isEqualTo(Kind.COMPLETED);
            assertThat(new ObjectMapper()
                            .readTree(first.resultJson().orElseThrow())
                            .path("score")
                            .asDouble())
                    .isEqualTo(2.0);

            Set<String> after = awaitWarm(2);
            Set<String> used = new HashSet<>(before);
            used.removeAll(after);
            assertThat(used).as("exactly one warm container was used").hasSize(1);
            assertThat(after).doesNotContainAnyElementsOf(used);

            // The sweeper leaves the waiting containers alone while this process owns them.
            try (OrphanSweeper sweeper = new OrphanSweeper(docker, deployment, active)) {
                assertThat(sweeper.sweep()).isZero();
            }

            SandboxLimits other = new SandboxLimits(96, 1.0, 64, Duration.ofSeconds(60), 32, 30, 1_000_000);
            SandboxOutcome cold = runner.run(job(other));
            assertThat(cold.kind()).isEqualTo(Kind.COMPLETED);
            assertThat(awaitWarm(2)).isEqualTo(after);
        }
        // Closing the runner closes the pool, which removes the containers still waiting.
    }

    private Set<String> awaitWarm(int count) throws InterruptedException {
        Set<String> ids = Set.of();
        for (int i = 0; i < POLLS; i++) {
            ids = containers(Map.of(ContainerLabels.WARM, "true")).stream()
                    .filter(c -> "running".equals(c.getState()))
                    .map(Container::getId)
                    .collect(Collectors.toSet());
            if (ids.size() == count) {
                return ids;
            }
            Thread.sleep(500);
        }
        return ids;
    }

    private List<Container> containers(Map<String, String> extra) {
        Map<String, String> filter = new java.util.HashMap<>(extra);
        filter.put(ContainerLabels.DEPLOYMENT, deployment);
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(filter)
                .exec();
    }

    private SandboxJob job(SandboxLimits limits) {
        String notebook = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": []}";
        return new SandboxJob(
                21,
                "course/section/warm",
                notebook.getBytes(StandardCharsets.UTF_8),
                List.of(),
                List.of(),
                "gofer",
                image,
                limits);
    }
}
