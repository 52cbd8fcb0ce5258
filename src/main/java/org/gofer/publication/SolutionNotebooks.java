package org.gofer.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which notebooks of an assignment directory are its solutions: every {@code .ipynb} whose file
 * name contains "solution" (any case), at the top or in a folder such as {@code examples/} or
 * {@code solutions/}. Other notebooks there (a deliberately wrong example) are not graded.
 * Notebooks never reach a student's container (they are not support files).
 */
public final class SolutionNotebooks {
    /** Each is a container run; a handful is what an assignment has. */
    static final int MAX = 10;

    private SolutionNotebooks() {}

    /** '/'-separated paths relative to the directory, sorted; at most {@value #MAX}. */
    public static List<String> in(Path dir) {
        try (Stream<Path> s = Files.walk(dir, 4)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(SolutionNotebooks::isSolution)
                    .sorted()
                    .limit(MAX)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static boolean isSolution(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        boolean hidden = Stream.of(path.split("/")).anyMatch(p -> p.startsWith(".") || p.equals("tests"));
        return !hidden && file.endsWith(".ipynb") && file.contains("solution");
    }
}
