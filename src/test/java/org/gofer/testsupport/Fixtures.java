package org.gofer.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads test resources and writes small assignment trees. */
public final class Fixtures {
    private Fixtures() {}

    /** A class-path resource as UTF-8 text, e.g. {@code results/full-marks.json}. */
    public static String text(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} at {@code dir/relative}, creating parent directories. */
    public static Path write(Path dir, String relative, String content) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            return Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gofer-style OK test that passes when {@code x == value}. */
    public static String okTest(String name, int value) {
        return """
                test = {
                  'name': '%s',
                  'points': 1,
                  'suites': [{'cases': [{'code': '>>> x\\n%d', 'hidden': False}], 'type': 'doctest'}]
                }
                """.formatted(name, value);
    }

    /** A minimal notebook naming its assignment in metadata.gofer. */
    public static String notebook(String course, String section, String assignment, String source) {
        return """
                {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                  "source": "%s"}],
                 "metadata": {"gofer": {"course": "%s", "section": "%s", "assignment": "%s"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """.formatted(source, course, section, assignment);
    }
}
