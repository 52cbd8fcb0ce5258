package org.gofer.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The upstream course content the compatibility tests grade: the directory {@code GOFER_CORPUS_DIR}
 * names, else {@code ../shared/corpus} relative to the repository (where Maven runs the tests).
 */
public final class Corpus {
    private Corpus() {}

    /** The corpus directory, when it is on this machine. */
    public static Optional<Path> dir() {
        String named = System.getenv("GOFER_CORPUS_DIR");
        Path dir = named == null || named.isBlank() ? Path.of("../shared/corpus") : Path.of(named);
        return Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath().normalize()) : Optional.empty();
    }
}
