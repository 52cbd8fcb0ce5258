package org.gofer.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.gofer.Json;

/**
 * Finds assignments under the tests directory. Thread-safe and stateless: every call reads the
 * directory again, because instructors fix tests while a course runs.
 */
public final class AssignmentCatalog {
    /** Support files travel to the container in the job; keep them to what a course needs. */
    static final long MAX_SUPPORT_BYTES = 64L * 1024 * 1024;

    private final Path root;
    private final ObjectMapper json = Json.mapper();

    public AssignmentCatalog(Path testsDir) {
        this.root = testsDir.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** True when the key names a directory with at least one test. */
    public boolean exists(AssignmentKey key) {
        Path dir = directoryOf(key);
        return Files.isDirectory(dir.resolve("tests"), LinkOption.NOFOLLOW_LINKS)
                && !listTests(dir).isEmpty();
    }

    /** Loads the assignment or throws {@link UnknownAssignmentException}. */
    public Assignment load(AssignmentKey key) {
        if (!exists(key)) {
            throw new UnknownAssignmentException(key);
        }
        Path dir = directoryOf(key);
        List<Assignment.SourceFile> tests = readTests(dir);
        Assignment.Settings settings = settings(key, dir, tests);
        Optional<String> specFile = settings.environment().flatMap(Assignment.Environment::requirementsPath);
        return new Assignment(key, dir, settings, tests, supportFiles(dir, specFile));
    }

    /**
     * The assignment's settings without reading its support files, which may be large data sets:
     * pages list every assignment on each view.
     */
    public Assignment.Settings settings(AssignmentKey key) {
        if (!exists(key)) {
            throw new UnknownAssignmentException(key);
        }
        Path dir = directoryOf(key);
        List<Assignment.SourceFile> tests = readTests(dir);
        return settings(key, dir, tests);
    }

    /** The score policy of a stored assignment key; BEST when the assignment is gone or unreadable. */
    public Assignment.Policy policyOf(String assignment) {
        try {
            return load(AssignmentKey.parse(assignment)).settings().policy();
        } catch (RuntimeException e) {
            return Assignment.Policy.BEST;
        }
    }

    /** Every assignment under the root, sorted by key. */
    public List<AssignmentKey> list() {
        List<AssignmentKey> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, 3)) {
            s.filter(p -> root.relativize(p).getNameCount() == 3 && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> {
                        Path r = root.relativize(p);
                        try {
                            AssignmentKey key = AssignmentKey.of(
                                    r.getName(0).toString(),
                                    r.getName(1).toString(),
                                    r.getName(2).toString());
                            if (exists(key)) {
                                out.add(key);
                            }
                        } catch (InvalidAssignmentKeyException ignored) {
                            // a folder that is not an assignment (e.g. a README directory)
                        }
                    });
        } catch (IOException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(AssignmentKey::toString));
        return out;
    }

    private Path directoryOf(AssignmentKey key) {
        Path dir = root.resolve(key.course())
                .resolve(key.section())
                .resolve(key.name())
                .normalize();
        if (!dir.startsWith(root)) {
            throw new InvalidAssignmentKeyException("assignment key leaves the tests directory");
        }
        return dir;
    }

    private static List<Assignment.SourceFile> readTests(Path dir) {
        List<Assignment.SourceFile> tests = new ArrayList<>();
        for (Path p : listTests(dir)) {
            tests.add(new Assignment.SourceFile(relative(dir, p), read(p)));
        }
        return List.copyOf(tests);
    }

    private static List<Path> listTests(Path dir) {
        Path tests = dir.resolve("tests");
        if (!Files.isDirectory(tests, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tests)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".py")
                            && !p.getFileName().toString().startsWith("__")
                            && !p.getFileName().toString().startsWith(".")
                            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tests, e);
        }
    }

    /** @param specFile the environment's requirements file, which is part of the image, not a support file */
    private List<Assignment.SourceFile> supportFiles(Path dir, Optional<String> specFile) {
        List<Assignment.SourceFile> out = new ArrayList<>();
        long[] total = {0};
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> isSupportFile(dir.relativize(p)))
                    .filter(p -> specFile.map(f -> !relative(dir, p).equals(f)).orElse(true))
                    .sorted()
                    .forEach(p -> {
                        byte[] bytes = read(p);
                        total[0] += bytes.length;
                        if (total[0] > MAX_SUPPORT_BYTES) {
                            throw new IllegalStateException("support files of " + dir + " exceed "
                                    + MAX_SUPPORT_BYTES / (1024 * 1024) + " MiB");
                        }
                        out.add(new Assignment.SourceFile(relative(dir, p), bytes));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return List.copyOf(out);
    }

    /**
     * Tests, settings, the environment's {@code requirements.txt}, instructors' example notebooks
     * and hidden files never reach the container.
     */
    static boolean isSupportFile(Path rel) {
        String first = rel.getName(0).toString();
        String file = rel.getFileName().toString();
        for (Path part : rel) {
            if (part.toString().startsWith(".") || part.toString().equals("__pycache__")) {
                return false;
            }
        }
        boolean requirements = rel.getNameCount() == 1 && file.equals(EnvironmentSettings.DEFAULT_REQUIREMENTS);
        return !first.equals("tests")
                && !first.equals("examples")
                && !file.equals("assignment.json")
                && !requirements
                && !file.endsWith(".ipynb");
    }

    private Assignment.Settings settings(AssignmentKey key, Path dir, List<Assignment.SourceFile> tests) {
        Path file = dir.resolve("assignment.json");
        JsonNode node = MissingNode.getInstance();
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                node = json.readTree(file.toFile());
            } catch (IOException e) {
                throw new AssignmentConfigException(file + " is not valid JSON: " + e.getMessage(), e);
            }
            if (!node.isObject() && !node.isMissingNode()) {
                throw new AssignmentConfigException(file + ": expected a JSON object {...}", null);
            }
        }
        String scoring = node.path("scoring").asText("");
        if (scoring.isEmpty()) {
            boolean otter = tests.stream()
                    .anyMatch(t -> new String(t.content(), StandardCharsets.UTF_8).contains("OK_FORMAT = True"));
            scoring = otter ? "otter" : "gofer";
        } else if (!scoring.equals("gofer") && !scoring.equals("otter")) {
            throw new AssignmentConfigException(file + ": \"scoring\" must be \"gofer\" or \"otter\"", null);
        }
        String policy = node.path("policy").asText("best").toUpperCase(Locale.ROOT);
        if (!policy.equals("BEST") && !policy.equals("LATEST")) {
            throw new AssignmentConfigException(file + ": \"policy\" must be \"best\" or \"latest\"", null);
        }
        EnvironmentSettings.Parsed environment = EnvironmentSettings.read(file, dir, node.path("environment"));
        Optional<String> image =
                node.hasNonNull("image") ? Optional.of(node.get("image").asText()) : Optional.empty();
        if (environment.base().isPresent()
                && image.isPresent()
                && !environment.base().equals(image)) {
            throw new AssignmentConfigException(
                    file + ": \"environment.base\" and \"image\" name different images; " + "set one of them", null);
        }
        return new Assignment.Settings(
                node.path("title").asText(key.name()),
                scoring,
                Assignment.Policy.valueOf(policy),
                DeadlineSettings.read(file, node),
                image.or(environment::base),
                limits(file, node.path("limits")),
                node.path("lti"),
                seeding(file, node),
                environment.environment(),
                flag(file, node, "leaderboard"),
                attempts(file, node));
    }

    /** An on/off key: absent or null is off; anything but true or false is an error, not a guess. */
    private static boolean flag(Path file, JsonNode n, String field) {
        if (!n.hasNonNull(field)) {
            return false;
        }
        JsonNode v = n.get(field);
        if (!v.isBoolean()) {
            throw new AssignmentConfigException(file + ": \"" + field + "\" must be true or false, got " + v, null);
        }
        return v.asBoolean();
    }

    /** Longest wait between two submissions that assignment.json may ask for: 30 days. */
    static final long MAX_INTERVAL_SECONDS = 30L * 24 * 3600;

    static final int MAX_SUBMISSIONS = 10_000;

    private static Assignment.Attempts attempts(Path file, JsonNode n) {
        Optional<Integer> max = Optional.empty();
        if (n.hasNonNull("max_submissions")) {
            JsonNode v = n.get("max_submissions");
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1 || v.asInt() > MAX_SUBMISSIONS) {
                throw new AssignmentConfigException(
                        file + ": \"max_submissions\" must be a whole number from 1 to " + MAX_SUBMISSIONS + ", got "
                                + v,
                        null);
            }
            max = Optional.of(v.asInt());
        }
        Optional<java.time.Duration> interval = Optional.empty();
        if (n.hasNonNull("min_interval_seconds")) {
            JsonNode v = n.get("min_interval_seconds");
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1 || v.asLong() > MAX_INTERVAL_SECONDS) {
                throw new AssignmentConfigException(
                        file + ": \"min_interval_seconds\" must be a whole number of seconds from 1 to "
                                + MAX_INTERVAL_SECONDS + " (30 days), got " + v,
                        null);
            }
            interval = Optional.of(java.time.Duration.ofSeconds(v.asLong()));
        }
        return new Assignment.Attempts(max, interval);
    }

    private static Assignment.Seeding seeding(Path file, JsonNode n) {
        Optional<Long> seed = Optional.empty();
        if (n.hasNonNull("seed")) {
            JsonNode v = n.get("seed");
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new AssignmentConfigException(file + ": \"seed\" must be a whole number, got " + v, null);
            }
            seed = Optional.of(v.asLong());
        }
        Optional<String> variable = Optional.empty();
        if (n.hasNonNull("seed_variable")) {
            JsonNode v = n.get("seed_variable");
            if (!v.isTextual() || !v.asText().matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                throw new AssignmentConfigException(
                        file + ": \"seed_variable\" must be a Python variable name, got " + v, null);
            }
            if (seed.isEmpty()) {
                throw new AssignmentConfigException(file + ": \"seed_variable\" needs a \"seed\"", null);
            }
            variable = Optional.of(v.asText());
        }
        return new Assignment.Seeding(seed, variable);
    }

    private static Assignment.Limits limits(Path file, JsonNode n) {
        if (!n.isMissingNode() && !n.isNull() && !n.isObject()) {
            throw new AssignmentConfigException(file + ": \"limits\" must be an object", null);
        }
        Optional<Double> cpus = Optional.empty();
        if (n.hasNonNull("cpus")) {
            JsonNode v = n.get("cpus");
            if (!v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
                throw new AssignmentConfigException(
                        file + ": \"limits.cpus\" must be a positive number, got " + v, null);
            }
            cpus = Optional.of(v.asDouble());
        }
        return new Assignment.Limits(
                positiveLong(file, n, "memory_mb"),
                cpus,
                positiveLong(file, n, "pids"),
                positiveLong(file, n, "timeout_s"),
                positiveLong(file, n, "cell_timeout_s"),
                positiveLong(file, n, "output_bytes"));
    }

    /**
     * A limit must be a positive whole number: Jackson's asLong() would turn "lots" or 1.5 into
     * 0 or 1, and a memory limit of 0 means "unlimited" to Docker.
     */
    private static Optional<Long> positiveLong(Path file, JsonNode n, String field) {
        if (!n.hasNonNull(field)) {
            return Optional.empty();
        }
        JsonNode v = n.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() <= 0) {
            throw new AssignmentConfigException(
                    file + ": \"limits." + field + "\" must be a positive whole number, got " + v, null);
        }
        return Optional.of(v.asLong());
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
