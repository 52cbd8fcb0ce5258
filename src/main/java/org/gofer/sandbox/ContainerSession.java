package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One conversation with one grading container: attach stdin/stdout/stderr, start it (unless the warm
 * pool already did), hand the job line to stdin, wait for the exit under the wall clock (SIGKILL when
 * it runs out), drain the capped output and read the exit state.
 *
 * <p>Why stdin over a hijacked attach: the job holds the secret and the hidden tests, so it must
 * reach the supervisor (PID 1) only, and nothing the student's code could read later: no bind
 * mount, no environment variable, no file in the image, no {@code docker exec}. docker-java's
 * httpclient5 transport upgrades {@code POST /containers/{id}/attach} to a raw stream and copies the
 * given {@link java.io.InputStream} into it on its own thread; the supervisor reads up to the first
 * newline and does not wait for EOF, so the transport never having to half-close stdin does not
 * matter. Attaching <em>before</em> start means no output is lost and the daemon buffers the line in
 * the container's stdin pipe until the supervisor reads it. Verified against Docker 20.10 in
 * {@code DockerSandboxRunnerIT}. Not thread-safe: one session per run.
 */
final class ContainerSession {
    static final int LOG_BYTES = 2 * 1024 * 1024;
    static final int RESULT_BYTES = 16 * 1024 * 1024;
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_GRACE = Duration.ofSeconds(15);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final GradingContainers containers;

    ContainerSession(DockerClient docker, GradingContainers containers) {
        this.docker = docker;
        this.containers = containers;
    }

    /**
     * @param start false when the container is already running and waiting on stdin (warm pool)
     * @throws SandboxUnavailableException when Docker fails us (attach, start, the wait stream)
     */
    OutcomeClassifier.Observed run(String id, byte[] jobLine, SandboxLimits limits, boolean start)
            throws InterruptedException {
        HarnessOutput output = new HarnessOutput(LOG_BYTES, RESULT_BYTES);
        try (HarnessOutput attached = docker.attachContainerCmd(id)
                .withStdIn(new ByteArrayInputStream(jobLine))
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .withLogs(false)
                .exec(output)) {
            if (!attached.awaitStarted(ATTACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SandboxUnavailableException("Docker did not attach to container " + id + " in time", null);
            }
            long startedAt = System.nanoTime();
            if (start) {
                startContainer(id);
            }
            boolean timedOut = !awaitExit(id, limits.timeout());
            if (timedOut) {
                containers.kill(id);
                awaitExit(id, KILL_GRACE);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
            attached.awaitCompletion(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            output.finish();
            InspectContainerResponse.ContainerState state = inspect(id);
            boolean running = Boolean.TRUE.equals(state.getRunning());
            Optional<Integer> exit = running || state.getExitCodeLong() == null
                    ? Optional.empty()
                    : Optional.of(state.getExitCodeLong().intValue());
            return new OutcomeClassifier.Observed(
                    timedOut,
                    Boolean.TRUE.equals(state.getOOMKilled()),
                    exit,
                    output.resultLines(),
                    output.log(),
                    elapsed,
                    limits.timeout(),
                    limits.memoryMb());
        } catch (java.io.IOException e) {
            throw new SandboxUnavailableException("the attach stream of container " + id + " failed", e);
        }
    }

    private void startContainer(String id) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            throw new SandboxUnavailableException("Docker could not start container " + id + ": " + e.getMessage(), e);
        }
    }

    /** @return true when the container stopped within the time, false when the time ran out */
    private boolean awaitExit(String id, Duration timeout) throws InterruptedException {
        try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
            if (!wait.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (java.io.IOException e) {
            throw new SandboxUnavailableException("the wait stream of container " + id + " failed", e);
        }
        // The wait stream also ends when the daemon connection breaks: believe only the daemon's state.
        if (Boolean.TRUE.equals(inspect(id).getRunning())) {
            throw new SandboxUnavailableException("lost the wait stream of container " + id + " while it ran", null);
        }
        return true;
    }

    private InspectContainerResponse.ContainerState inspect(String id) {
        try {
            return docker.inspectContainerCmd(id).exec().getState();
        } catch (RuntimeException e) {
            throw new SandboxUnavailableException(
                    "Docker could not inspect container " + id + ": " + e.getMessage(), e);
        }
    }
}
