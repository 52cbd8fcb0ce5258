package org.gofer.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.gofer.Json;

/**
 * A submitted notebook as instructors read it: markdown as text, code cells and their saved
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

    static Html render(byte[] notebook) {
        JsonNode root;
        try {
            root = JSON.readTree(notebook);
        } catch (IOException e) {
            return Html.of("<p class=\"problem\">The stored notebook is not readable JSON: %s</p>", e.getMessage());
        }
        JsonNode cells = root.path("cells");
        StringBuilder out = new StringBuilder("<div class=\"notebook\">");
        int n = 0;
        int execution = 0;
        for (JsonNode cell : cells) {
            if (n++ >= MAX_CELLS) {
                out.append(Html.of("<p class=\"note\">… %s more cells not shown</p>", cells.size() - MAX_CELLS));
                break;
            }
            String type = cell.path("cell_type").asText("");
            String source = cap(text(cell.path("source")));
            if (type.equals("code")) {
                execution++;
                out.append(Html.of("<div class=\"cell code\"><div class=\"prompt\">[%s]</div><pre class=\"source\">%s</pre>",
                        n, source));
                for (JsonNode o : cell.path("outputs")) {
                    out.append(output(o));
                }
                out.append("</div>");
            } else {
                out.append(Html.of("<div class=\"cell %s\"><div class=\"prompt\">%s</div><pre class=\"source\">%s</pre></div>",
                        type.equals("markdown") ? "markdown" : "raw", n, source));
            }
        }
        out.append(Html.of("<p class=\"note\">%s cells, %s code cells</p></div>", cells.size(), execution));
        return new Html(out.toString());
    }

    private static Html output(JsonNode o) {
        String type = o.path("output_type").asText("");
        switch (type) {
            case "stream" -> {
                return Html.of("<pre class=\"output %s\">%s</pre>",
                        o.path("name").asText("").equals("stderr") ? "stderr" : "stdout", cap(text(o.path("text"))));
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
                return Html.of("<pre class=\"output error\">%s</pre>", cap(ANSI.matcher(trace).replaceAll("")));
            }
            case "execute_result", "display_data" -> {
                JsonNode data = o.path("data");
                String png = text(data.path("image/png"));
                if (!png.isEmpty() && png.length() <= MAX_IMAGE && BASE64.matcher(png).matches()) {
                    return Html.of("<img class=\"output\" alt=\"figure\" src=\"data:image/png;base64,%s\">",
                            png.replaceAll("\\s", ""));
                }
                String plain = text(data.path("text/plain"));
                if (!plain.isEmpty()) {
                    return Html.of("<pre class=\"output result\">%s</pre>", cap(plain));
                }
                return Html.of("<p class=\"note\">(output of type %s not shown)</p>",
                        String.join(", ", (Iterable<String>) data::fieldNames));
            }
            default -> {
                return Html.EMPTY;
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
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "\n… (" + (s.length() - MAX_TEXT)
                + " more characters)";
    }
}
