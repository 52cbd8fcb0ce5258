package org.gofer.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The values the chart's tests render it with: its defaults, and the values a course would set. */
enum ChartValues {
    DEFAULTS("gofer-grading", "20Gi", null, "gofer:0.1.0"),
    OVERRIDDEN("course-a-grading", "50Gi", "fast-ssd", "registry.example.edu/gofer:2026.12");

    final String gradingNamespace;
    final String size;
    final String storageClass;
    final String image;

    ChartValues(String gradingNamespace, String size, String storageClass, String image) {
        this.gradingNamespace = gradingNamespace;
        this.size = size;
        this.storageClass = storageClass;
        this.image = image;
    }

    /** Helm's arguments that set these values; an overrides file, when needed, goes into {@code dir}. */
    List<String> helmArgs(Path dir) throws IOException {
        if (this == DEFAULTS) {
            return List.of();
        }
        Path file = dir.resolve("overrides.yaml");
        Files.writeString(file, """
                image: {repository: registry.example.edu/gofer, tag: "2026.12"}
                gradingNamespace: %s
                persistence: {size: %s, storageClass: %s}
                hub: {apiTokenSecret: course-a-hub-token}
                """.formatted(gradingNamespace, size, storageClass));
        return List.of("--values", file.toString());
    }
}
