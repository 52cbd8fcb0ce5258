package org.gofer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The notebooks the benchmarks submit. */
final class Notebooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Notebooks() {}

    /** A trivial notebook for the trivial assignment, about {@code size} bytes, unique by {@code nonce}. */
    static byte[] trivial(String nonce, int size) {
        ObjectNode nb = JSON.createObjectNode();
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        ObjectNode meta = nb.putObject("metadata");
        meta.putObject("gofer").put("course", "bench").put("section", "s1").put("assignment", "trivial");
        var cells = nb.putArray("cells");
        cells.addObject().put("cell_type", "markdown").putObject("metadata").put("nonce", nonce);
        ((ObjectNode) cells.get(0)).put("source", "# Trivial\n" + "padding ".repeat(Math.max(0, size / 8 - 40)));
        ObjectNode code = cells.addObject().put("cell_type", "code").put("source", "x = 1 + 1\nx");
        code.putObject("metadata");
        code.putArray("outputs");
        code.putNull("execution_count");
        try {
            return JSON.writeValueAsBytes(nb);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
