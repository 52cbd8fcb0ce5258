package org.gofer.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gofer.Json;

/**
 * A submitted notebook as instructors read it (notebook.jte): markdown as text, code cells and their saved
 * outputs, everything escaped. Rich outputs are reduced to their plain text; PNG images are kept
 * (as {@code data:} URLs, after checking they are base64). HTML and script outputs are never
 * rendered. Long texts and notebooks are cut with a note. Stateless.
 */
final class NotebookView {
    static final int MAX_CELLS = 400;
    static final int MAX_TEXT = 20_000;
    static final int MAX_IMAGE = 2_000_000;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final ObjectMapper JSON = Json.mapper();

    private NotebookView() {}

    /**
     * A notebook as notebook.jte shows it.
     *
     * @param problem why the notebook could not be read, or null
     * @param more cells beyond {@link #MAX_CELLS}, not shown
     */
    record Notebook(String problem, List<Cell> cells, int more, int total, int codeCells) {}

    /** @param kind code, markdown or raw */
    record Cell(String kind, int number, String source, List<Output> outputs) {
        boolean code() {
            return kind.equals("code");
        }
    }

    /**
     * One saved output: text in a {@code <pre>} of class {@code css} (stdout, stderr, error,
     * result), a PNG ({@code text} is its base64), or a note naming output types not shown.
     */
    record Output(Kind kind, String css, String text) {
        enum Kind {
            TEXT,
            PNG,
            NOT_SHOWN
        }
    }

    static Notebook read(byte[] notebook) {
        JsonNode root;
        try {
            root = JSON.readTree(notebook);
        } catch (IOException e) {
            return new Notebook(e.getMessage(), List.of(), 0, 0, 0);
        }
        JsonNode cells = root.path("cells");
        List<Cell> shown = new ArrayList<>();
        int n = 0;
        int execution = 0;
        for (JsonNode cell : cells) {
            if (n++ >= MAX_CELLS) {
                break;
            }
            String type = cell.path("cell_type").asText("");
            String source = cap(text(cell.path("source")));
            if (type.equals("code")) {
                execution++;
                List<Output> outputs = new ArrayList<>();
                for (JsonNode o : cell.path("outputs")) {
                    output(o).ifPresent(outputs::add);
                }
                shown.add(new Cell("code", n, source, outputs));
            } else {
                shown.add(new Cell(type.equals("markdown") ? "markdown" : "raw", n, source, List.of()));
            }
        }
        return new Notebook(null, shown, Math.max(0, cells.size() - MAX_CELLS), cells.size(), execution);
    }

    private static Optional<Output> output(JsonNode o) {
        String type = o.path("output_type").asText("");
        switch (type) {
            case "stream" -> {
                return Optional.of(new Output(
                        Output.Kind.TEXT,
                        o.path("name").asText("").equals("stderr") ? "stderr" : "stdout",
                        cap(text(o.path("text")))));
            }
            case "error" -> {
                StringBuilder lines = new StringBuilder();
                for (JsonNode line : o.path("traceback")) {
                    lines.append(line.asText("")).append('\n');
                }
                String trace = lines.toString();
                if (trace.isEmpty()) {
                    trace = o.path("ename").asText("") + ": " + o.path("evalue").asText("");
                }
                return Optional.of(new Output(
                        Output.Kind.TEXT, "error", cap(ANSI.matcher(trace).replaceAll(""))));
            }
            case "execute_result", "display_data" -> {
                JsonNode data = o.path("data");
                String png = text(data.path("image/png"));
                if (!png.isEmpty()
                        && png.length() <= MAX_IMAGE
                        && BASE64.matcher(png).matches()) {
                    return Optional.of(new Output(Output.Kind.PNG, "", png.replaceAll("\\s", "")));
                }
                String plain = text(data.path("text/plain"));
                if (!plain.isEmpty()) {
                    return Optional.of(new Output(Output.Kind.TEXT, "result", cap(plain)));
                }
                return Optional.of(
                        new Output(Output.Kind.NOT_SHOWN, "", String.join(", ", (Iterable<String>) data::fieldNames)));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Jupyter stores multi-line text as a string or a list of lines. */
    static String text(JsonNode n) {
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode line : n) {
                b.append(line.asText(""));
                if (b.length() > MAX_TEXT * 2) {
                    break;
                }
            }
            return b.toString();
        }
        return "";
    }

    private static String cap(String s) {
        return s.length() <= MAX_TEXT
                ? s
                : s.substring(0, MAX_TEXT) + "\n… (" + (s.length() - MAX_TEXT) + " more characters)";
    }
}
