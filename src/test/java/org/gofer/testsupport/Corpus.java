package org.gofer.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The upstream course content the compatibility tests grade: the directory {@code GOFER_CORPUS_DIR}
 * names, else {@code ../shared/corpus} relative to the repository (where Maven runs the tests), else
 * the same beside the checkout this one was cloned from, when that is a local directory: a clean
 * clone made elsewhere for a CI run grades the corpus too instead of skipping it.
 */
public final class Corpus {
    private static final Path BESIDE = Path.of("..", "shared", "corpus");

    private Corpus() {}

    /** The corpus directory, when it is on this machine. */
    public static Optional<Path> dir() {
        String named = System.getenv("GOFER_CORPUS_DIR");
        if (named != null && !named.isBlank()) {
            return existing(Path.of(named));
        }
        return existing(BESIDE).or(() -> localOrigin().flatMap(origin -> existing(origin.resolve(BESIDE))));
    }

    private static Optional<Path> existing(Path dir) {
        return Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath().normalize()) : Optional.empty();
    }

    /** The checkout this one was cloned from, when its URL is a local path. */
    private static Optional<Path> localOrigin() {
        try {
            Process p = new ProcessBuilder("git", "config", "--get", "remote.origin.url")
                    .redirectErrorStream(true)
                    .start();
            String url = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            String path = url.startsWith("file://") ? url.substring("file://".length()) : url;
            return path.startsWith("/") && Files.isDirectory(Path.of(path))
                    ? Optional.of(Path.of(path))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
