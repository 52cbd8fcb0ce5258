package org.gofer.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real upstream graders (otter-grader 7, gofer-grader 1.1) in the reference venv that
 * {@code src/test/fidelity/reference-env.sh} creates outside the service. {@link #open} creates or
 * reuses the venv and aborts the calling test (skipped, with the reason) when it cannot be had,
 * e.g. without the Python package index. {@link #grade} runs {@code reference_grade.py}, which
 * generates the autograders with the real {@code otter assign}, writes the submissions and grades
 * them; its manifest is what the fidelity suite compares Gofer against.
 */
public final class ReferenceGraders {
    public static final Path FIDELITY_DIR = Path.of("src/test/fidelity").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path venv;

    private ReferenceGraders(Path venv) {
        this.venv = venv;
    }

    /** Creates the reference venv if needed (idempotent; minutes the first time), or skips the test. */
    public static ReferenceGraders open() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "bash", FIDELITY_DIR.resolve("reference-env.sh").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = p.waitFor(20, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        if (!finished || p.exitValue() != 0) {
            String reason =
                    "the reference environment (otter-grader, gofer-grader) could not be created: " + lastLines(out, 8);
            // Surefire reports a class skipped in @BeforeAll as "Tests run: 0" without the reason: say it here.
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        List<String> lines = out.lines().toList();
        return new ReferenceGraders(Path.of(lines.get(lines.size() - 1).strip()));
    }

    /**
     * Grades every assignment under {@code assignments} (and the corpus, when given) with the
     * reference graders; returns the manifest (see reference_grade.py). Two gradings at a time.
     */
    public JsonNode grade(Path assignments, Optional<Path> corpus, Path work) throws IOException, InterruptedException {
        Path manifest = work.resolve("manifest.json");
        List<String> cmd = new ArrayList<>(List.of(
                venv.resolve("bin/python").toString(),
                FIDELITY_DIR.resolve("reference_grade.py").toString(),
                "--assignments",
                assignments.toString(),
                "--work",
                work.resolve("reference").toString(),
                "--out",
                manifest.toString(),
                "--jobs",
                "2"));
        corpus.ifPresent(c -> cmd.addAll(List.of("--corpus", c.toString())));
        Path log = work.resolve("reference.log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the reference graders ran for 30 minutes; log: " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "reference_grade.py exited " + p.exitValue() + ": " + lastLines(Files.readString(log), 40));
        }
        return JSON.readTree(manifest.toFile());
    }

    private static String lastLines(String s, int n) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
