package org.gofer.submission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.gofer.Json;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.NotebookMetadata;

/**
 * Checks what a student sent before anything is stored: valid JSON within the nesting and size
 * limits, either {@code {"nb": <notebook>}} (data-8's gofer_submit) or a bare notebook, in
 * nbformat 4 with well-formed cells, and metadata that names an assignment. Returns the key and
 * the notebook's bytes exactly as they were sent. Thread-safe.
 */
public final class NotebookParser {
    /** Real notebooks (widget state included) stay far below this; hostile JSON does not. */
    public static final int MAX_NESTING_DEPTH = 64;

    private final ObjectMapper json;
    private final Optional<String> defaultCourse;

    /**
     * @param parsed the assignment the notebook names
     * @param notebook the notebook's bytes as sent (the value of "nb", or the whole body)
     * @param wrapped true when it came as {@code {"nb": ...}}
     */
    public record Parsed(AssignmentKey key, byte[] notebook, boolean wrapped) {}

    public NotebookParser(long maxBodyBytes, Optional<String> defaultCourse) {
        int max = (int) Math.min(Integer.MAX_VALUE - 16, maxBodyBytes);
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(max)
                        .maxDocumentLength(max)
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.json = Json.over(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.defaultCourse = defaultCourse;
    }

    /** @throws InvalidSubmissionException or {@link org.gofer.assignment.InvalidAssignmentKeyException} */
    public Parsed parse(byte[] body) {
        Checked checked = check(body);
        AssignmentKey key = NotebookMetadata.assignmentKey(checked.notebook().get("metadata"), defaultCourse);
        return new Parsed(key, checked.bytes(), checked.wrapped());
    }

    /**
     * Checks that the body is an nbformat-4 notebook (or {@code {"nb": ...}}) without reading its
     * assignment metadata, for callers that name the assignment themselves ({@code gofer grade
     * --assignment}); returns the notebook's bytes.
     */
    public byte[] notebookBytes(byte[] body) {
        return check(body).bytes();
    }

    private record Checked(JsonNode notebook, byte[] bytes, boolean wrapped) {}

    private Checked check(byte[] body) {
        if (body.length == 0 || isBlank(body)) {
            throw new InvalidSubmissionException(
                    "the body is empty: send the notebook (.ipynb) as JSON, " + "or {\"nb\": <notebook>}");
        }
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new InvalidSubmissionException("the body is JSON but not an object: send the notebook (.ipynb) "
                    + "itself, or {\"nb\": <notebook>}");
        }
        boolean wrapped = root.has("nb") && !root.has("nbformat");
        JsonNode notebook = wrapped ? root.get("nb") : root;
        if (!notebook.isObject()) {
            throw new InvalidSubmissionException("\"nb\" must be the notebook as a JSON object, not a "
                    + notebook.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        checkNotebook(notebook);
        return new Checked(notebook, wrapped ? valueBytes(body, "nb") : body, wrapped);
    }

    private JsonNode readTree(byte[] body) {
        try {
            return json.readTree(body);
        } catch (StreamConstraintsException e) {
            if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
                throw new InvalidSubmissionException("the JSON nests deeper than " + MAX_NESTING_DEPTH
                        + " levels, which no notebook needs: send the notebook as saved by Jupyter");
            }
            throw new InvalidSubmissionException("the JSON exceeds a size limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new InvalidSubmissionException("the body is not valid JSON: " + firstLine(e.getOriginalMessage())
                    + where + "; send the notebook file unchanged, as Jupyter saved it");
        } catch (IOException e) {
            throw new InvalidSubmissionException("the body could not be read as JSON: " + e.getMessage());
        }
    }

    private static void checkNotebook(JsonNode nb) {
        if (!nb.has("nbformat") && !nb.has("cells")) {
            throw new InvalidSubmissionException("this JSON is not a Jupyter notebook: it has no \"nbformat\" and no "
                    + "\"cells\"; send the .ipynb file");
        }
        JsonNode format = nb.get("nbformat");
        if (format == null || !format.isIntegralNumber() || format.asInt() != 4) {
            throw new InvalidSubmissionException("the notebook must be in nbformat 4, but \"nbformat\" is "
                    + (format == null ? "missing" : abbreviate(format.toString()))
                    + ": save it with Jupyter (any version since 2015 writes nbformat 4)");
        }
        JsonNode cells = nb.get("cells");
        if (cells == null || !cells.isArray()) {
            throw new InvalidSubmissionException("the notebook's \"cells\" must be a list of cells");
        }
        for (int i = 0; i < cells.size(); i++) {
            checkCell(i, cells.get(i));
        }
        JsonNode metadata = nb.get("metadata");
        if (metadata != null && !metadata.isObject()) {
            throw new InvalidSubmissionException("the notebook's \"metadata\" must be an object");
        }
    }

    private static void checkCell(int i, JsonNode cell) {
        String where = "cell " + i + " of the notebook";
        if (!cell.isObject()) {
            throw new InvalidSubmissionException(where + " is not an object");
        }
        if (!cell.path("cell_type").isTextual()) {
            throw new InvalidSubmissionException(where + " has no \"cell_type\" (code, markdown or raw)");
        }
        JsonNode source = cell.get("source");
        boolean ok = source != null && (source.isTextual() || source.isArray());
        if (ok && source.isArray()) {
            for (JsonNode line : source) {
                ok &= line.isTextual();
            }
        }
        if (!ok) {
            throw new InvalidSubmissionException(where + ": \"source\" must be a string or a list of strings");
        }
    }

    /** The exact bytes of a top-level field's value (the body was already checked to be valid JSON). */
    private byte[] valueBytes(byte[] body, String field) {
        try (JsonParser p = json.getFactory().createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(field)) {
                    long start = p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    long end = p.currentLocation().getByteOffset();
                    return Arrays.copyOfRange(body, (int) start, (int) end);
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new InvalidSubmissionException("the body could not be read as JSON: " + e.getMessage());
        }
        throw new IllegalStateException("field " + field + " vanished between two parses");
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
