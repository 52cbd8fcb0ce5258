package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens instructors' debug terminals: a fresh container of the submission's grading image with the
 * grading's limits and hardening ({@link HardenedHostConfig}: no network, capabilities dropped,
 * no-new-privileges, read-only root, tmpfs, memory, CPU and pids limits, user 1000), labelled as a
 * debug session so the {@link OrphanSweeper} removes leftovers, its name reserved in
 * {@link ActiveContainers} while in use.
 *
 * <p>Why an exec and not the container's own process: files cannot be copied into a tmpfs of a
 * container with a read-only root ({@code docker cp} refuses), so they go in through the stdin of a
 * first, non-TTY exec ({@code head -c N | tar -x}, which needs no end-of-file, like the harness's
 * job line); the shell is a second exec with a TTY. PID 1 is Docker's init with {@code sleep}, so
 * the shell's orphans are reaped. Thread-safe.
 */
public final class DebugContainers {
    static final String WORKDIR = HardenedHostConfig.HOME + "/work";
    private static final Duration FILES_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
    private static final int FILES_LOG_BYTES = 4096;

    private final DockerClient docker;
    private final ContainerLabels labels;
    private final ActiveContainers active;
    private final GradingContainers containers;

    /**
     * @param deployment the {@code gofer.deployment} label, as the runner's
     * @param active this process's registry of containers in use, shared with the sweeper
     */
    public DebugContainers(DockerClient docker, String deployment, ActiveContainers active) {
        this.docker = docker;
        this.labels = new ContainerLabels(deployment, active.instanceId());
        this.active = active;
        this.containers = new GradingContainers(docker, active);
    }

    /**
     * Creates and starts the container for {@code job} (its image, limits and files), then the shell.
     *
     * @param sessionId the session's number, the value of the {@code gofer.debug-session} label
     * @throws SandboxUnavailableException when Docker fails, the image is missing or the files do not go in
     */
    public DebugShell open(SandboxJob job, long sessionId, DebugShell.Listener listener) {
        GradingContainers.Created container = create(job, sessionId);
        try {
            docker.startContainerCmd(container.id()).exec();
            putFiles(container.id(), DebugFiles.tar(job));
            return startShell(container, listener);
        } catch (RuntimeException e) {
            containers.remove(container);
            if (e instanceof SandboxUnavailableException) {
                throw e;
            }
            throw new SandboxUnavailableException("Docker could not start the debug container: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            containers.remove(container);
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while starting the debug container", e);
        }
    }

    private GradingContainers.Created create(SandboxJob job, long sessionId) {
        String name = active.reserve();
        try {
            String id = docker.createContainerCmd(job.image())
                    .withName(name)
                    .withHostName("gofer")
                    .withUser(HardenedHostConfig.GOFER_USER)
                    .withEnv(List.of("HOME=" + HardenedHostConfig.HOME))
                    .withWorkingDir(HardenedHostConfig.HOME)
                    .withEntrypoint("sleep")
                    .withCmd("infinity")
                    .withNetworkDisabled(true)
                    .withTty(false)
                    .withStdinOpen(false)
                    .withLabels(labels.forDebugSession(job.submissionId(), sessionId))
                    .withHostConfig(HardenedHostConfig.forLimits(job.limits()).withInit(true))
                    .exec()
                    .getId();
            return new GradingContainers.Created(id, name);
        } catch (NotFoundException e) {
            active.release(name);
            throw new SandboxUnavailableException("the grading image " + job.image() + " is missing", e);
        } catch (RuntimeException e) {
            active.release(name);
            throw new SandboxUnavailableException("Docker could not create a debug container: " + e.getMessage(), e);
        }
    }

    private void putFiles(String id, byte[] tar) throws InterruptedException {
        String execId = docker.execCreateCmd(id)
                .withUser(HardenedHostConfig.GOFER_USER)
                .withWorkingDir(HardenedHostConfig.HOME)
                .withCmd(
                        "/bin/sh",
                        "-c",
                        "mkdir -p " + WORKDIR + " && head -c " + tar.length + " | tar -x -f - -C " + WORKDIR)
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withTty(false)
                .exec()
                .getId();
        Collected out = new Collected();
        try (Collected running = docker.execStartCmd(execId)
                .withDetach(false)
                .withTty(false)
                .withStdIn(new ByteArrayInputStream(tar))
                .exec(out)) {
            if (!running.awaitCompletion(FILES_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SandboxUnavailableException(
                        "putting the files into the debug container took over " + FILES_TIMEOUT.toSeconds() + " s",
                        null);
            }
        } catch (java.io.IOException e) {
            throw new SandboxUnavailableException("the stream that puts the files in failed", e);
        }
        Long exit = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        if (exit == null || exit != 0) {
            throw new SandboxUnavailableException(
                    "could not put the files into the debug container (exit " + exit + "): " + out.text(), null);
        }
    }

    private DebugShell startShell(GradingContainers.Created container, DebugShell.Listener listener)
            throws InterruptedException {
        String execId = docker.execCreateCmd(container.id())
                .withUser(HardenedHostConfig.GOFER_USER)
                .withWorkingDir(WORKDIR)
                .withEnv(List.of("HOME=" + HardenedHostConfig.HOME, "TERM=xterm-256color"))
                .withCmd("/bin/sh", "-c", "if [ -x /bin/bash ]; then exec /bin/bash -i; else exec /bin/sh -i; fi")
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withTty(true)
                .exec()
                .getId();
        DebugShell shell = DebugShell.start(docker, containers, container, execId, listener);
        if (!shell.awaitStarted(ATTACH_TIMEOUT)) {
            shell.close();
            throw new SandboxUnavailableException("Docker did not attach to the debug shell in time", null);
        }
        return shell;
    }

    /** The files exec's output, capped: only shown when it fails. */
    private static final class Collected extends ResultCallback.Adapter<Frame> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload != null) {
                bytes.write(payload, 0, Math.min(payload.length, Math.max(0, FILES_LOG_BYTES - bytes.size())));
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8).strip();
        }
    }
}
