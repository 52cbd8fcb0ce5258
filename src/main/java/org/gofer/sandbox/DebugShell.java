package org.gofer.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instructor's interactive shell in a debug container (see {@link DebugContainers}): a
 * {@code docker exec} with a TTY whose stdin is fed by {@link #write} and whose output goes to the
 * {@link Listener}. {@link #close} ends the shell and removes the container; it is idempotent and
 * also runs when the shell exits by itself, so nothing outlives the session. Thread-safe.
 */
public final class DebugShell implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DebugShell.class);

    /** Receives the shell's output on docker-java's stream thread, in order. */
    public interface Listener {
        /** Bytes the TTY wrote (stdout and stderr together, as a terminal shows them). */
        void output(byte[] bytes);

        /**
         * The shell exited or its stream broke; called at most once, on a thread of its own: the
         * stream's thread is being torn down and its Docker calls fail (removing the container
         * from there was cancelled).
         */
        void ended();
    }

    private final DockerClient docker;
    private final GradingContainers containers;
    private final GradingContainers.Created container;
    private final ShellInput input;
    private final Output output;
    private final String execId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DebugShell(
            DockerClient docker,
            GradingContainers containers,
            GradingContainers.Created container,
            String execId,
            ShellInput input,
            Output output) {
        this.docker = docker;
        this.containers = containers;
        this.container = container;
        this.execId = execId;
        this.input = input;
        this.output = output;
    }

    /** Starts the TTY exec {@code execId} (created, not yet started) and streams it. */
    static DebugShell start(
            DockerClient docker,
            GradingContainers containers,
            GradingContainers.Created container,
            String execId,
            Listener listener) {
        ShellInput input = new ShellInput();
        Output output = new Output(listener);
        docker.execStartCmd(execId)
                .withDetach(false)
                .withTty(true)
                .withStdIn(input)
                .exec(output);
        return new DebugShell(docker, containers, container, execId, input, output);
    }

    /** True once Docker answered the exec start and the stream is attached. */
    boolean awaitStarted(java.time.Duration timeout) throws InterruptedException {
        return output.awaitStarted(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The container's name ({@code gofer-<uuid>}), for the session log. */
    public String containerName() {
        return container.name();
    }

    /** Sends keystrokes to the shell; false when the shell is gone or not reading. */
    public boolean write(byte[] bytes) {
        return !closed.get() && input.write(bytes);
    }

    /** Tells the TTY its new size; a shell that already ended is ignored. */
    public void resize(int rows, int cols) {
        if (closed.get()) {
            return;
        }
        try {
            docker.resizeExecCmd(execId).withSize(rows, cols).exec();
        } catch (RuntimeException e) {
            LOG.debug("could not resize the shell in {}: {}", container.name(), e.toString());
        }
    }

    /** Ends the shell's streams and force-removes the container (the sweeper retries a failed removal). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        input.close();
        try {
            output.close();
        } catch (IOException e) {
            LOG.debug("closing the output stream of {}: {}", container.name(), e.toString());
        }
        containers.remove(container);
    }

    /** Forwards TTY frames to the listener and reports the end once. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        private final Listener listener;
        private final AtomicBoolean ended = new AtomicBoolean();

        Output(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload != null && payload.length > 0) {
                listener.output(payload);
            }
        }

        /** Expected when the container is removed under the stream: not worth the adapter's error log. */
        @Override
        public void onError(Throwable error) {
            LOG.debug("debug shell stream ended with {}", error.toString());
            end();
            try {
                close();
            } catch (IOException e) {
                LOG.debug("closing a broken debug shell stream: {}", e.toString());
            }
        }

        @Override
        public void onComplete() {
            end();
            super.onComplete();
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                Thread thread = new Thread(listener::ended, "gofer-debug-shell-ended");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }
}
