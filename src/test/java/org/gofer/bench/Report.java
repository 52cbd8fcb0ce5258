package org.gofer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The figures as Markdown lines for RESULTS.md, and the progress lines a run prints on stderr. */
final class Report {
    private final List<String> lines = new ArrayList<>();

    void add(String line) {
        lines.add(line);
    }

    /** A benchmark's heading and the command that reruns it. */
    void section(String title, String command) {
        add("## " + title);
        add("");
        add("Rerun: `" + command + "`");
        add("");
        log("%s", title);
    }

    /** Rewrites the whole file: called after each benchmark, so a long run shows its progress. */
    void writeTo(Path out) throws IOException {
        Files.writeString(out, String.join("\n", lines) + "\n");
    }

    static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
