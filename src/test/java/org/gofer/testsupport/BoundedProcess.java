package org.gofer.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end within a time limit, stdin empty. Its output goes to files rather than
 * pipes, so the limit holds even while the command is still writing (a pipe nobody reads would
 * block it, and reading the pipe first would wait without a bound).
 */
public final class BoundedProcess {
    private BoundedProcess() {}

    /** How the command ended. */
    public record Finished(int exitCode, String stdout, String stderr) {}

    /** @throws AssertionError when the command did not finish within {@code limit} (it is killed) */
    public static Finished run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("gofer-process", ".out");
        Path stderr = Files.createTempFile("gofer-process", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + limit.toSeconds() + " s");
            }
            return new Finished(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
