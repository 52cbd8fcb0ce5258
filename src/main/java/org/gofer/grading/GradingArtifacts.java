package org.gofer.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.submission.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what a grading produced for instructors, nbgrader-style:
 * {@code $GOFER_DATA_DIR/submissions/<course>/<section>/<assignment>/<user>/<id>/{results.json, container.log}}.
 * Best effort: a full disk must not stop grades from being recorded.
 */
public final class GradingArtifacts {
    private static final Logger LOG = LoggerFactory.getLogger(GradingArtifacts.class);
    private final Path root;

    public GradingArtifacts(Path dataDir) {
        this.root = dataDir.resolve("submissions");
    }

    public Path directoryOf(Submission s) {
        // assignment keys are validated path segments; user names are not, so encode them
        return root.resolve(s.assignment()).resolve(safe(s.username())).resolve(Long.toString(s.id()));
    }

    void save(Submission s, SandboxOutcome outcome) {
        Path dir = directoryOf(s);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("container.log"), outcome.log(), StandardCharsets.UTF_8);
            if (outcome.resultJson().isPresent()) {
                Files.writeString(
                        dir.resolve("results.json"), outcome.resultJson().get(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            LOG.warn("submission {}: could not keep the container log: {}", s.id(), e.getMessage());
        }
    }

    static String safe(String user) {
        StringBuilder b = new StringBuilder();
        for (char c : user.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.') {
                b.append(c);
            } else {
                b.append('%').append(String.format("%04x", (int) c));
            }
        }
        String s = b.toString();
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
