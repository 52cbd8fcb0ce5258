package org.gofer.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.gofer.Json;

/**
 * Reads {@code <tests dir>/<course>/course.json}, the course's own settings: {@code "title"} and
 * {@code "enrollment"} ({@code "roster"}: members only; {@code "open"}: every hub user, even with a
 * roster). Read on every call, as the assignments are, because staff edit it while a course runs.
 * Thread-safe.
 */
public final class CourseFile {
    /** What course.json says about who may take the course. */
    public enum Enrollment {
        /** No course.json, or it does not say: restricted exactly when a roster was uploaded. */
        UNSET,
        OPEN,
        ROSTER
    }

    /**
     * @param title the course's title, when set
     * @param enrollment what the file says about enrollment
     * @param problem why the file cannot be used; the course is then treated as restricted
     */
    public record Settings(Optional<String> title, Enrollment enrollment, Optional<String> problem) {
        static Settings none() {
            return new Settings(Optional.empty(), Enrollment.UNSET, Optional.empty());
        }

        static Settings broken(String why) {
            return new Settings(Optional.empty(), Enrollment.ROSTER, Optional.of(why));
        }
    }

    private final Path testsDir;
    private final ObjectMapper json = Json.mapper();

    public CourseFile(Path testsDir) {
        this.testsDir = testsDir.toAbsolutePath().normalize();
    }

    /** Whether the course has a folder in the tests directory (its course.json or assignments). */
    public boolean exists(String course) {
        Path folder = testsDir.resolve(course).normalize();
        return folder.startsWith(testsDir)
                && !folder.equals(testsDir)
                && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS);
    }

    /** @param course a validated course name (one path segment) */
    public Settings read(String course) {
        Path file = testsDir.resolve(course).resolve("course.json").normalize();
        if (!file.startsWith(testsDir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Settings.none();
        }
        JsonNode node;
        try {
            node = json.readTree(file.toFile());
        } catch (IOException e) {
            return Settings.broken(course + "/course.json is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return Settings.broken(course + "/course.json: expected a JSON object {...}");
        }
        Optional<String> title = Optional.empty();
        if (node.has("title")) {
            if (!node.get("title").isTextual()) {
                return Settings.broken(course + "/course.json: \"title\" must be a string");
            }
            title = Optional.of(node.get("title").asText());
        }
        JsonNode e = node.path("enrollment");
        Enrollment enrollment;
        if (e.isMissingNode() || e.isNull()) {
            enrollment = Enrollment.UNSET;
        } else if (e.isTextual() && e.asText().equals("open")) {
            enrollment = Enrollment.OPEN;
        } else if (e.isTextual() && e.asText().equals("roster")) {
            enrollment = Enrollment.ROSTER;
        } else {
            return Settings.broken(course + "/course.json: \"enrollment\" must be \"roster\" (members only) or "
                    + "\"open\" (every hub user), got " + e);
        }
        return new Settings(title, enrollment, Optional.empty());
    }
}
