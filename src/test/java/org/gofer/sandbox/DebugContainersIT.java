package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gofer.assignment.Assignment;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A debug terminal's container, against real Docker and the real grading image: hardened like a
 * grading container (no network, uid 1000, read-only root, limits), labelled as a debug session,
 * holding the notebook, the support files and the tests, with a shell on a TTY; removed on close.
 */
@EnabledIfDocker
class DebugContainersIT {
    private static final String IMAGE = "gofer-grader:latest";
    private static final SandboxLimits LIMITS = new SandboxLimits(256, 0.5, 64, Duration.ofSeconds(60), 32, 30, 1000);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private DockerClient docker;
    private String deployment;
    private ActiveContainers active;

    @BeforeEach
    void connect() {
        docker = DockerClients.fromEnvironment();
        deployment = "it-debug-" + UUID.randomUUID();
        active = new ActiveContainers();
    }

    @AfterEach
    void nothingIsLeft() {
        try {
            assertThat(containers()).isEmpty();
        } finally {
            containers()
                    .forEach(c ->
                            docker.removeContainerCmd(c.getId()).withForce(true).exec());
            try {
                docker.close();
            } catch (java.io.IOException e) {
                // closing the test's client
            }
        }
    }

    @Test
    void theShellRunsAsUser1000WithoutNetworkAmongTheSubmissionsFilesAndTheContainerGoesOnClose() throws Exception {
        Screen screen = new Screen();
        DebugShell shell = new DebugContainers(docker, deployment, active).open(job(), 7, screen);
        String name = shell.containerName();
        try {
            InspectContainerResponse inspected =
                    docker.inspectContainerCmd(name).exec();
            assertThat(inspected.getConfig().getLabels())
                    .containsEntry(ContainerLabels.MANAGED, "true")
                    .containsEntry(ContainerLabels.DEPLOYMENT, deployment)
                    .containsEntry(ContainerLabels.SUBMISSION, "42")
                    .containsEntry(ContainerLabels.DEBUG_SESSION, "7");
            var host = inspected.getHostConfig();
            assertThat(host.getNetworkMode()).isEqualTo("none");
            assertThat(host.getReadonlyRootfs()).isTrue();
            assertThat(host.getMemory()).isEqualTo(256L * 1024 * 1024);
            assertThat(host.getPidsLimit()).isEqualTo(64L);
            assertThat(host.getSecurityOpts()).contains("no-new-privileges");
            assertThat(active.contains(name)).isTrue();

            shell.resize(40, 120);
            shell.write(("echo uid=$(id -u); ls /sys/class/net; ls; head -1 tests/q1.py; cat data.txt; stty size;"
                            + " python3 -c 'import socket; socket.create_connection((\"10.0.0.1\", 80), timeout=3)'"
                            + " 2>&1 | tail -1; touch /etc/x 2>&1; echo done-$((6*7))\n")
                    .getBytes(StandardCharsets.UTF_8));
            String out = screen.await("done-42", WAIT);
            assertThat(out)
                    .contains(
                            "uid=1000",
                            "submission.ipynb",
                            "tests",
                            "data.txt",
                            "test = {",
                            "support data",
                            "40 120",
                            "Network is unreachable",
                            "Read-only file system");
            assertThat(out.replaceAll("(?s).*ls /sys/class/net;", "")).doesNotContain("eth0");
        } finally {
            shell.close();
        }
        assertThat(active.contains(name)).isFalse();
        assertThat(containers()).isEmpty();
    }

    @Test
    void exitingTheShellEndsTheStream() throws Exception {
        Screen screen = new Screen();
        try (DebugShell shell = new DebugContainers(docker, deployment, active).open(job(), 8, screen)) {
            shell.write("exit 3\n".getBytes(StandardCharsets.UTF_8));
            assertThat(screen.ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theSweeperOfTheNextRunRemovesADebugContainerLeftByACrash() throws Exception {
        DebugShell shell = new DebugContainers(docker, deployment, active).open(job(), 9, new Screen());
        try (OrphanSweeper ours = new OrphanSweeper(docker, deployment, active)) {
            assertThat(ours.sweep())
                    .as("the running service's own sweeper leaves it alone")
                    .isZero();
        }
        // A service that restarts has a new, empty registry: the old debug container is an orphan.
        try (OrphanSweeper next = new OrphanSweeper(docker, deployment, new ActiveContainers())) {
            assertThat(next.sweep()).isEqualTo(1);
        }
        assertThat(containers()).isEmpty();
        shell.close();
    }

    private SandboxJob job() {
        byte[] notebook = "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}"
                .getBytes(StandardCharsets.UTF_8);
        return new SandboxJob(
                42,
                "c/s/a",
                notebook,
                List.of(new Assignment.SourceFile(
                        "tests/q1.py", "test = {'name': 'q1'}\n".getBytes(StandardCharsets.UTF_8))),
                List.of(new Assignment.SourceFile("data.txt", "support data\n".getBytes(StandardCharsets.UTF_8))),
                "gofer",
                IMAGE,
                LIMITS);
    }

    private List<Container> containers() {
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.DEPLOYMENT, deployment))
                .exec();
    }

    /** What the TTY printed, and whether the shell ended. */
    private static final class Screen implements DebugShell.Listener {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public synchronized void output(byte[] b) {
            bytes.write(b, 0, b.length);
        }

        @Override
        public void ended() {
            ended.countDown();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        String await(String marker, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                // The marker as the shell prints it, not as the TTY echoes the command.
                if (text().lines().anyMatch(l -> l.strip().equals(marker))) {
                    return text();
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no " + marker + " within " + timeout + ":\n" + text());
        }
    }
}
