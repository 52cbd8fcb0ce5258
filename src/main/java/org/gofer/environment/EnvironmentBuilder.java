package org.gofer.environment;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds one environment image with docker-java: an in-memory context ({@link BuildContext}) and
 * a generated Dockerfile ({@link EnvironmentDockerfile}), host network (apt and pip need the
 * mirrors; grading containers never get a network), tagged {@code gofer-env:<hash prefix>} and
 * labelled with the full hash. Every line of build output goes to the given log. Thread-safe; one
 * build per call.
 */
public final class EnvironmentBuilder {
    /** A build that takes longer is stuck (a pip resolver loop, a dead mirror). */
    static final Duration MAX_BUILD = Duration.ofMinutes(30);

    private final DockerClient docker;
    private final PipSettings pip;

    public EnvironmentBuilder(DockerClient docker, PipSettings pip) {
        this.docker = docker;
        this.pip = pip;
    }

    /**
     * @param noCache build every step again (an instructor's rebuild: newer packages)
     * @param log receives the build's output as it comes
     * @return the new image's ID
     * @throws EnvironmentBuildException when a step failed, the build timed out or Docker broke off
     */
    public String build(EnvironmentSpec spec, String hash, String baseImageId, boolean noCache, Consumer<String> log) {
        String dockerfile = EnvironmentDockerfile.render(
                spec,
                hash,
                baseImageId,
                pip.buildArgs().keySet(),
                pip.caBundle().isPresent());
        log.accept(dockerfile + "\n");
        byte[] context = BuildContext.tar(spec, dockerfile, pip);
        BuildImageCmd cmd = docker.buildImageCmd(new ByteArrayInputStream(context))
                .withTags(Set.of(EnvironmentHash.tag(hash)))
                .withNetworkMode("host")
                .withPull(false)
                .withNoCache(noCache)
                .withRemove(true)
                .withForcerm(true);
        if (spec.hasRequirements()) {
            pip.buildArgs().forEach(cmd::withBuildArg);
        }
        LoggingCallback logging = new LoggingCallback(log);
        try (LoggingCallback callback = cmd.exec(logging)) {
            if (!callback.awaitCompletion(MAX_BUILD.toMinutes(), TimeUnit.MINUTES)) {
                throw new EnvironmentBuildException(
                        "the build did not finish within " + MAX_BUILD.toMinutes() + " minutes", null);
            }
            return callback.awaitImageId();
        } catch (EnvironmentBuildException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentBuildException("the build was interrupted (the service is stopping)", e);
        } catch (IOException | RuntimeException e) {
            throw new EnvironmentBuildException(
                    reason(logging.lastError, e.getMessage()), e, stepFailed(logging.lastError, e.getMessage()));
        }
    }

    private static final java.util.regex.Pattern STEP_EXIT =
            java.util.regex.Pattern.compile("returned a non-zero code: (\\d+)");

    /**
     * A build step of ours exited non-zero (Docker says "returned a non-zero code"), or pip or apt printed
     * their error: the spec's fault. Anything else ("failed to update store", a broken connection) is
     * Docker failing under the build.
     */
    static boolean stepFailed(String toolError, String dockerMessage) {
        return toolError != null
                || (dockerMessage != null && STEP_EXIT.matcher(dockerMessage).find());
    }

    /**
     * One line for people: pip's or apt's own last error ("ERROR: No matching distribution found
     * for ...", "E: Unable to locate package ...") when they printed one, else Docker's message
     * without the echoed RUN command.
     */
    static String reason(String toolError, String dockerMessage) {
        String line;
        java.util.regex.Matcher code = STEP_EXIT.matcher(dockerMessage == null ? "" : dockerMessage);
        if (toolError != null) {
            line = toolError;
        } else if (code.find()) {
            line = "a build step exited with code " + code.group(1) + " (the end of the build log says why)";
        } else if (dockerMessage == null || dockerMessage.isBlank()) {
            line = "the build failed";
        } else {
            line = dockerMessage.strip().lines().findFirst().orElse(dockerMessage);
        }
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }

    /** Passes the build's output on line by line as well as collecting the image ID. */
    private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

    private static final class LoggingCallback extends BuildImageResultCallback {
        private final Consumer<String> log;
        private volatile String lastError;

        LoggingCallback(Consumer<String> log) {
            this.log = log;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                // Docker colours a step's stderr with terminal escapes; the log is read in a browser.
                String text = ANSI.matcher(item.getStream()).replaceAll("");
                log.accept(text);
                text.lines()
                        .map(String::strip)
                        .filter(l -> l.startsWith("ERROR: ") || l.startsWith("E: "))
                        .reduce((first, last) -> last)
                        .ifPresent(l -> lastError = l);
            }
            if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                log.accept("ERROR: " + item.getErrorDetail().getMessage() + "\n");
            }
            super.onNext(item);
        }
    }
}
