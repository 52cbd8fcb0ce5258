package org.gofer.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and strictly checks the {@code "environment"} key of an assignment.json:
 * <pre>
 * "environment": {"requirements": "requirements.txt", "apt": ["graphviz"], "base": "gofer-grader:latest"}
 * </pre>
 * Every key is optional; without the key, a {@code requirements.txt} beside {@code tests/} is used.
 * A bad value throws {@link AssignmentConfigException} naming the key. Stateless.
 */
final class EnvironmentSettings {
    static final String DEFAULT_REQUIREMENTS = "requirements.txt";
    static final int MAX_APT_PACKAGES = 64;

    private static final Set<String> KEYS = Set.of("requirements", "apt", "base");
    private static final Pattern DEBIAN_PACKAGE = Pattern.compile("^[a-z0-9][a-z0-9+.-]*$");
    private static final Pattern IMAGE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$");
    private static final Pattern RELATIVE_PATH =
            Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$");

    /**
     * @param base the image to build on ({@code environment.base}), when set
     * @param environment what to install, when anything
     */
    record Parsed(Optional<String> base, Optional<Assignment.Environment> environment) {}

    private EnvironmentSettings() {}

    /**
     * @param file the assignment.json, for messages
     * @param dir the assignment directory
     * @param node the value of {@code "environment"} (missing or null when absent)
     */
    static Parsed read(Path file, Path dir, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            Path beside = dir.resolve(DEFAULT_REQUIREMENTS);
            if (!Files.isRegularFile(beside, LinkOption.NOFOLLOW_LINKS)) {
                return new Parsed(Optional.empty(), Optional.empty());
            }
            return new Parsed(Optional.empty(), environment(Optional.of(DEFAULT_REQUIREMENTS), dir, List.of()));
        }
        if (!node.isObject()) {
            throw bad(
                    file,
                    "environment",
                    "must be an object like {\"requirements\": \"requirements.txt\", " + "\"apt\": [\"graphviz\"]}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw bad(file, "environment." + name, "is not a known key (requirements, apt, base)");
            }
        }
        Optional<String> requirements = requirementsPath(file, dir, node.path("requirements"));
        List<String> apt = apt(file, node.path("apt"));
        Optional<String> base = base(file, node.path("base"));
        return new Parsed(base, environment(requirements, dir, apt));
    }

    private static Optional<Assignment.Environment> environment(
            Optional<String> requirements, Path dir, List<String> apt) {
        byte[] bytes = new byte[0];
        int count = 0;
        if (requirements.isPresent()) {
            bytes = read(dir.resolve(requirements.get()));
            count = RequirementsCheck.check(requirements.get(), bytes);
        }
        if (count == 0 && apt.isEmpty()) {
            return Optional.empty(); // nothing to install: grade in the base image as it is
        }
        return Optional.of(new Assignment.Environment(
                count == 0 ? Optional.empty() : requirements, count == 0 ? new byte[0] : bytes, apt));
    }

    private static Optional<String> requirementsPath(Path file, Path dir, JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return Files.isRegularFile(dir.resolve(DEFAULT_REQUIREMENTS), LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(DEFAULT_REQUIREMENTS)
                    : Optional.empty();
        }
        if (!v.isTextual() || !RELATIVE_PATH.matcher(v.asText()).matches()) {
            throw bad(
                    file,
                    "environment.requirements",
                    "must be a path relative to the assignment directory, " + "like \"requirements.txt\", got " + v);
        }
        String rel = v.asText();
        Path p = dir.resolve(rel).normalize();
        if (!p.startsWith(dir)
                || rel.startsWith("tests/")
                || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                || !insideRealDirectory(dir, p)) {
            throw bad(
                    file,
                    "environment.requirements",
                    "names " + rel + ", which is not a regular file in the assignment directory (outside tests/)");
        }
        return Optional.of(rel);
    }

    private static boolean insideRealDirectory(Path dir, Path p) {
        try {
            return p.toRealPath().startsWith(dir.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> apt(Path file, JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > MAX_APT_PACKAGES) {
            throw bad(
                    file,
                    "environment.apt",
                    "must be a list of at most " + MAX_APT_PACKAGES + " Debian package names, like [\"graphviz\"]");
        }
        Set<String> out = new TreeSet<>();
        for (JsonNode p : v) {
            if (!p.isTextual()
                    || p.asText().length() > 100
                    || !DEBIAN_PACKAGE.matcher(p.asText()).matches()) {
                throw bad(
                        file,
                        "environment.apt",
                        "holds " + p + ", which is not a Debian package name " + "(lower-case letters, digits, + . -)");
            }
            out.add(p.asText());
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static Optional<String> base(Path file, JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || !IMAGE.matcher(v.asText()).matches()) {
            throw bad(file, "environment.base", "must be a Docker image name like \"gofer-grader:latest\", got " + v);
        }
        return Optional.of(v.asText());
    }

    private static byte[] read(Path p) {
        try {
            if (Files.size(p) > RequirementsCheck.MAX_BYTES) {
                throw new AssignmentConfigException(
                        "\"environment.requirements\": " + p.getFileName() + " is larger than "
                                + RequirementsCheck.MAX_BYTES / 1024 + " KiB",
                        null);
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static AssignmentConfigException bad(Path file, String key, String why) {
        return new AssignmentConfigException(file + ": \"" + key + "\" " + why, null);
    }
}
