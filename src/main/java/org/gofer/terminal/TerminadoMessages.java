package org.gofer.terminal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Optional;
import org.gofer.Json;

/**
 * The terminado message format the page's xterm.js speaks (Jupyter's terminals use it too): JSON
 * arrays whose first element names the message. The client sends {@code ["stdin", data]} and
 * {@code ["set_size", rows, cols]}; the server sends {@code ["setup", {}]}, {@code ["stdout", data]}
 * and {@code ["disconnect", 1]}. Anything else from the client is ignored, as terminado does.
 * Stateless.
 */
final class TerminadoMessages {
    /** Bounds of a terminal size a browser may ask for. */
    static final int MAX_ROWS = 500;

    static final int MAX_COLS = 1000;
    private static final ObjectMapper JSON = Json.mapper();

    private TerminadoMessages() {}

    /** What a client message asks for. */
    sealed interface FromClient permits Stdin, SetSize {}

    record Stdin(String data) implements FromClient {}

    record SetSize(int rows, int cols) implements FromClient {}

    /** Empty for malformed or unknown messages, and for sizes out of bounds. */
    static Optional<FromClient> parse(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (message == null
                || !message.isArray()
                || message.isEmpty()
                || !message.get(0).isTextual()) {
            return Optional.empty();
        }
        return switch (message.get(0).asText()) {
            case "stdin" ->
                message.size() == 2 && message.get(1).isTextual()
                        ? Optional.of(new Stdin(message.get(1).asText()))
                        : Optional.empty();
            case "set_size" -> size(message);
            default -> Optional.empty();
        };
    }

    private static Optional<FromClient> size(JsonNode message) {
        if (message.size() < 3
                || !message.get(1).canConvertToInt()
                || !message.get(2).canConvertToInt()) {
            return Optional.empty();
        }
        int rows = message.get(1).asInt();
        int cols = message.get(2).asInt();
        if (rows < 1 || rows > MAX_ROWS || cols < 1 || cols > MAX_COLS) {
            return Optional.empty();
        }
        return Optional.of(new SetSize(rows, cols));
    }

    static String setup() {
        ArrayNode a = JSON.createArrayNode().add("setup");
        a.addObject();
        return a.toString();
    }

    static String stdout(String data) {
        return JSON.createArrayNode().add("stdout").add(data).toString();
    }

    static String disconnect() {
        return JSON.createArrayNode().add("disconnect").add(1).toString();
    }
}
