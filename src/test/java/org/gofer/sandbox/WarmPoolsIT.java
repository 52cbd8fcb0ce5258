package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.gofer.sandbox.SandboxOutcome.Kind;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Warm containers for other images than the default (the assignments' environments): a pool is
 * made on an image's first job, its container serves the next job, and only a bounded number of
 * images are kept warm, the one used longest ago giving way.
 */
@EnabledIfDocker
class WarmPoolsIT {
    private static final SandboxLimits LIMITS =
            new SandboxLimits(128, 1.0, 64, Duration.ofSeconds(60), 32, 30, 1_000_000);
    private static final int POLLS = 120;

    private DockerClient docker;
    private String deployment;
    private String defaultImage;
    private String envA;
    private String envB;

    @BeforeEach
    void setUp() {
        docker = DockerClients.fromEnvironment();
        deployment = "it-warm-pools-" + UUID.randomUUID();
        defaultImage = FakeHarnessImages.build(docker, "signed");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        envA = "gofer-test/warm-env-a-" + suffix + ":1";
        envB = "gofer-test/warm-env-b-" + suffix + ":1";
        for (String tag : List.of(envA, envB)) {
            String[] parts = tag.split(":");
            docker.tagImageCmd(defaultImage, parts[0], parts[1]).exec();
        }
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        try {
            assertThat(containers()).isEmpty();
        } finally {
            for (Container c : containers()) {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            }
            for (String tag : List.of(envA, envB)) {
                docker.removeImageCmd(tag).exec();
            }
            docker.close();
        }
    }

    @Test
    void anEnvironmentImageGetsAWarmContainerAfterItsFirstJobAndOnlyTheRecentImagesStayWarm() throws Exception {
        ActiveContainers active = new ActiveContainers();
        WarmPools pools =
                new WarmPools(docker, active, deployment, defaultImage, LIMITS, 1, 1, GradingLoad.unbounded());
        try (DockerSandboxRunner runner =
                DockerSandboxRunner.withWarmPools(docker, defaultImage, deployment, active, pools)) {
            assertThat(awaitWarm(defaultImage, 1)).hasSize(1);
            assertThat(awaitWarm(envA, 0))
                    .as("no pool before the image is used")
                    .isEmpty();

            assertThat(runner.run(job(envA)).kind()).isEqualTo(Kind.COMPLETED);
            Set<String> warmA = awaitWarm(envA, 1);
            assertThat(warmA).as("the first job of an image starts its pool").hasSize(1);

            assertThat(runner.run(job(envA)).kind()).isEqualTo(Kind.COMPLETED);
            Set<String> refilled = awaitWarm(envA, 1);
            assertThat(refilled)
                    .as("the second job used the warm container, which was replaced")
                    .hasSize(1)
                    .doesNotContainAnyElementsOf(warmA);

            assertThat(runner.run(job(envB)).kind()).isEqualTo(Kind.COMPLETED);
            assertThat(awaitWarm(envB, 1)).hasSize(1);
            assertThat(awaitWarm(envA, 0))
                    .as("at most one other image stays warm: A gave way to B")
                    .isEmpty();
            assertThat(pools.images()).isEqualTo(2);
            assertThat(awaitWarm(defaultImage, 1))
                    .as("the default image's pool is untouched")
                    .hasSize(1);
        }
    }

    private Set<String> awaitWarm(String image, int count) throws InterruptedException {
        Set<String> ids = Set.of();
        for (int i = 0; i < POLLS; i++) {
            ids = containers().stream()
                    .filter(c -> "true".equals(c.getLabels().get(ContainerLabels.WARM)))
                    .filter(c -> image.equals(c.getImage()) && "running".equals(c.getState()))
                    .map(Container::getId)
                    .collect(Collectors.toSet());
            if (ids.size() == count) {
                return ids;
            }
            Thread.sleep(500);
        }
        return ids;
    }

    private List<Container> containers() {
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.DEPLOYMENT, deployment))
                .exec();
    }

    private static SandboxJob job(String image) {
        String notebook = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": []}";
        return new SandboxJob(
                31,
                "course/section/env",
                notebook.getBytes(StandardCharsets.UTF_8),
                List.of(),
                List.of(),
                "gofer",
                image,
                LIMITS);
    }
}
