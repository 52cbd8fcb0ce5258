package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweeper removes this deployment's unowned containers and nothing else. */
@EnabledIfDocker
class OrphanSweeperIT {
    private DockerClient docker;
    private String deployment;
    private String otherDeployment;
    private ActiveContainers active;
    private ContainerLabels labels;

    @BeforeEach
    void connect() {
        docker = DockerClients.fromEnvironment();
        FakeHarnessImages.build(docker, "silent"); // makes sure the Python base image exists
        deployment = "it-sweep-" + UUID.randomUUID();
        otherDeployment = "it-sweep-other-" + UUID.randomUUID();
        active = new ActiveContainers();
        labels = new ContainerLabels(deployment, "dead-instance-" + UUID.randomUUID());
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String label : List.of(deployment, otherDeployment)) {
            for (Container c : list(label)) {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            }
        }
        docker.close();
    }

    @Test
    void removesLeftoversOfThisDeploymentOnlyAndIsIdempotent() {
        String exited = create("leftover-exited-" + UUID.randomUUID(), labels.forSubmission(1));
        docker.startContainerCmd(exited).exec();
        String created = create("leftover-created-" + UUID.randomUUID(), labels.forWarmPool());
        String owned = create(active.reserve(), labels.forSubmission(2));
        String foreign =
                create("other-" + UUID.randomUUID(), new ContainerLabels(otherDeployment, "someone").forSubmission(3));

        try (OrphanSweeper sweeper = new OrphanSweeper(docker, deployment, active)) {
            assertThat(sweeper.sweep()).isEqualTo(2);
            assertThat(ids(list(deployment))).containsExactly(owned);
            assertThat(ids(list(otherDeployment))).containsExactly(foreign);

            assertThat(sweeper.sweep()).isZero();
        }
        assertThat(ids(list(deployment))).doesNotContain(exited, created);
    }

    @Test
    void aReleasedNameIsSweptOnTheNextPass() {
        String name = active.reserve();
        String id = create(name, labels.forSubmission(4));
        try (OrphanSweeper sweeper = new OrphanSweeper(docker, deployment, active)) {
            assertThat(sweeper.sweep()).isZero();
            active.release(name);
            assertThat(sweeper.sweep()).isEqualTo(1);
        }
        assertThat(ids(list(deployment))).doesNotContain(id);
    }

    private String create(String name, Map<String, String> containerLabels) {
        return docker.createContainerCmd(FakeHarnessImages.PYTHON)
                .withName(name)
                .withCmd("true")
                .withLabels(containerLabels)
                .withHostConfig(HardenedHostConfig.forLimits(SandboxLimits.defaults()))
                .exec()
                .getId();
    }

    private List<Container> list(String label) {
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.DEPLOYMENT, label))
                .exec();
    }

    private static List<String> ids(List<Container> containers) {
        return containers.stream().map(Container::getId).toList();
    }
}
