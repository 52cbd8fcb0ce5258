package org.gofer.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.gofer.Json;
import org.gofer.assignment.Assignment;

/**
 * Writes the one JSON line the supervisor reads from stdin (harness README, "Input: stdin"):
 * protocol, secret, assignment, the notebook as a JSON object, support files in base64, tests as
 * source text, scoring mode, limits, seed. Thread-safe.
 */
public final class JobLineEncoder {
    /** The harness refuses a job line over 64 MiB. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    static final int PROTOCOL = 1;
    private static final int OPEN_FILES = 256;

    private final ObjectMapper json;

    public JobLineEncoder() {
        this.json = Json.mapper();
    }

    /**
     * @return the UTF-8 line, ending in '\n'
     * @throws IllegalArgumentException when the notebook is not a JSON object or the line is too large
     */
    public byte[] encode(SandboxJob job, RunSecret secret) {
        ObjectNode root = json.createObjectNode();
        root.put("protocol", PROTOCOL);
        root.put("secret", secret.hex());
        root.put("assignment", job.assignment());
        root.set("notebook", notebook(job.notebook()));
        ArrayNode files = root.putArray("files");
        for (Assignment.SourceFile file : job.supportFiles()) {
            files.addObject()
                    .put("path", file.path())
                    .put("content_b64", Base64.getEncoder().encodeToString(file.content()));
        }
        ArrayNode tests = root.putArray("tests");
        for (Assignment.SourceFile test : job.tests()) {
            tests.addObject()
                    .put("path", test.path())
                    .put("source", new String(test.content(), StandardCharsets.UTF_8));
        }
        root.put("scoring", job.scoring());
        root.set("limits", limits(job.limits()));
        if (job.seeding().seed().isPresent()) {
            root.put("seed", job.seeding().seed().get());
        } else {
            root.putNull("seed");
        }
        if (job.seeding().variable().isPresent()) {
            root.put("seed_variable", job.seeding().variable().get());
        }
        byte[] line = toLine(root);
        if (line.length > MAX_LINE_BYTES) {
            throw new IllegalArgumentException(
                    "the job is " + line.length + " bytes; the harness takes at most " + MAX_LINE_BYTES);
        }
        return line;
    }

    private JsonNode notebook(byte[] notebook) {
        try {
            JsonNode node = json.readTree(notebook);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the notebook is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the notebook is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the notebook cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The harness's own budgets fit inside the container's wall clock, so that it can still report
     * what happened (a cell or notebook timeout is a result) before the service kills the container.
     */
    static ObjectNode limits(SandboxLimits limits) {
        long total = Math.max(3, limits.timeout().toSeconds());
        long reserve = Math.max(1, Math.min(15, total / 10));
        long tests = Math.max(1, Math.min(60, total / 5));
        long notebook = Math.max(1, total - tests - reserve);
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("cell_timeout_s", Math.min(limits.cellTimeoutSeconds(), notebook));
        node.put("notebook_timeout_s", notebook);
        node.put("test_timeout_s", tests);
        node.put("output_bytes", limits.outputBytes());
        node.put("file_size_bytes", HardenedHostConfig.homeMb(limits) * 1024L * 1024L);
        node.put("open_files", OPEN_FILES);
        return node;
    }

    private byte[] toLine(ObjectNode root) {
        try {
            // Jackson never emits a raw newline inside a document, so the line is one line.
            byte[] body = json.writeValueAsBytes(root);
            byte[] line = new byte[body.length + 1];
            System.arraycopy(body, 0, line, 0, body.length);
            line[body.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a grading job", e);
        }
    }
}
