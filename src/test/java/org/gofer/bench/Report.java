package org.gofer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures as Markdown lines for RESULTS.md, and the progress lines a run prints on stderr. A run
 * of some benchmarks replaces their sections in an existing file and keeps the others, each with the
 * date it was measured, so rerunning one benchmark does not throw away the rest.
 */
final class Report {
    private final List<String> header = new ArrayList<>();
    private final Map<Integer, List<String>> sections = new TreeMap<>();
    private List<String> current = header;

    void add(String line) {
        current.add(line);
    }

    /** A benchmark's heading ({@code "N. title"}, numbered), when it was measured and the command that reruns it. */
    void section(String title, String command) {
        current = new ArrayList<>();
        sections.put(number(title), current);
        add("## " + title);
        add("");
        add("Rerun: `" + command + "` (measured " + LocalDateTime.now().withNano(0) + ")");
        add("");
        log("%s", title);
    }

    /**
     * Writes this run's header and sections, keeping the sections of {@code out} this run did not
     * measure: called after each benchmark, so a long run shows its progress.
     */
    void writeTo(Path out) throws IOException {
        Map<Integer, List<String>> all = new TreeMap<>();
        if (Files.isRegularFile(out)) {
            all.putAll(sectionsOf(Files.readAllLines(out)));
        }
        all.putAll(sections);
        List<String> lines = new ArrayList<>(header);
        all.values().forEach(lines::addAll);
        Files.writeString(out, String.join("\n", lines) + "\n");
    }

    /** The numbered {@code ## N. } sections of a RESULTS.md, by number, each up to the next. */
    static Map<Integer, List<String>> sectionsOf(List<String> lines) {
        Map<Integer, List<String>> found = new TreeMap<>();
        List<String> into = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                into = new ArrayList<>();
                found.put(number(line.substring(3)), into);
            }
            if (into != null) {
                into.add(line);
            }
        }
        return found;
    }

    private static int number(String title) {
        int dot = title.indexOf('.');
        try {
            return Integer.parseInt(title.substring(0, Math.max(0, dot)).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a benchmark section's title starts with its number: " + title, e);
        }
    }

    static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
