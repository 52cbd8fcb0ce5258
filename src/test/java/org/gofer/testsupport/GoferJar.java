package org.gofer.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built jar as an instructor runs it, {@code java -jar target/gofer.jar ARGS}, with
 * {@code GOFER_TESTS_DIR} set (the rest of the environment is the test's: {@code GOFER_IMAGE} picks
 * the grading image). Its standard error goes to a log file. Thread-safe: every call is its own
 * process.
 */
public final class GoferJar {
    private static final Path JAR = Path.of("target/gofer.jar").toAbsolutePath();

    private GoferJar() {}

    /** Runs the command; returns its standard output, or throws with both outputs when it fails. */
    public static String run(Path testsDir, Path log, String... args) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("GOFER_TESTS_DIR", testsDir.toString());
        pb.redirectError(log.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("gofer " + String.join(" ", args) + " ran for 5 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("gofer " + String.join(" ", args) + " exited " + p.exitValue() + ": " + out
                    + Files.readString(log));
        }
        return out;
    }
}
