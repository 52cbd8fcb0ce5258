package org.gofer.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads the assignment key from a notebook's metadata. First match wins: {@code metadata.gofer},
 * {@code metadata.otter_service}, then gofer_service's top-level {@code course/section/lab}
 * (or {@code assignment}); a missing course falls back to the configured default course.
 */
public final class NotebookMetadata {
    private NotebookMetadata() {}

    public static AssignmentKey assignmentKey(JsonNode metadata, Optional<String> defaultCourse) {
        if (metadata == null || !metadata.isObject()) {
            throw new InvalidAssignmentKeyException(missing());
        }
        for (String block : new String[] {"gofer", "otter_service"}) {
            JsonNode node = metadata.get(block);
            if (node != null && node.isObject()) {
                return fromObject(node, block + ".", defaultCourse);
            }
        }
        if (metadata.has("section") || metadata.has("lab") || metadata.has("assignment")) {
            return fromObject(metadata, "", defaultCourse);
        }
        throw new InvalidAssignmentKeyException(missing());
    }

    private static AssignmentKey fromObject(JsonNode node, String where, Optional<String> defaultCourse) {
        String course = text(node, "course", where).or(() -> defaultCourse).orElse(null);
        String section = text(node, "section", where).orElse(null);
        String name = text(node, "assignment", where)
                .or(() -> text(node, "lab", where))
                .orElse(null);
        if (course == null || section == null || name == null) {
            throw new InvalidAssignmentKeyException("the notebook's metadata." + where
                    + "{course, section, assignment} is incomplete: missing "
                    + (course == null ? "course" : section == null ? "section" : "assignment"));
        }
        return AssignmentKey.of(course, section, name);
    }

    private static Optional<String> text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new InvalidAssignmentKeyException("metadata." + where + field + " must be a string");
        }
        return Optional.of(v.asText());
    }

    private static String missing() {
        return "the notebook does not say which assignment it is: add metadata.gofer = "
                + "{\"course\": ..., \"section\": ..., \"assignment\": ...} (or open the assignment's own notebook)";
    }
}
