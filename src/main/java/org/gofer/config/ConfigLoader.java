package org.gofer.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.gofer.Json;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.InvalidAssignmentKeyException;

/**
 * Builds {@link AppConfig} from environment variables and an optional properties file named by
 * {@code GOFER_CONFIG} (same keys; the environment wins). Every value is checked here so that a
 * bad deployment fails at start-up with the key's name, not at the first submission.
 */
public final class ConfigLoader {
    private static final Pattern LAUNCH_PARAMETER = Pattern.compile("[a-z0-9_]{1,64}");
    private final Map<String, String> values;

    private ConfigLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Reads the process environment (and the file it names). */
    public static AppConfig fromEnvironment() {
        return load(System.getenv());
    }

    /** Reads the given variables (and the file {@code GOFER_CONFIG} names, if any). */
    public static AppConfig load(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get("GOFER_CONFIG");
        if (file != null && !file.isBlank()) {
            merged.putAll(readProperties(Path.of(file)));
        }
        env.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new ConfigLoader(merged).build();
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new ConfigException("GOFER_CONFIG: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k).trim()));
        return out;
    }

    private AppConfig build() {
        String[] bind = bindAddress();
        int workers = integer("GOFER_WORKERS", Runtime.getRuntime().availableProcessors(), 0, 256);
        return new AppConfig(
                path("GOFER_TESTS_DIR", "./notebooks-tests"),
                path("GOFER_DB", "./gradebook.db"),
                path("GOFER_DATA_DIR", "./gofer-data"),
                workers,
                new AppConfig.Web(bind[0], Integer.parseInt(bind[1]), prefix(), bool("GOFER_METRICS_PUBLIC", false)),
                hub(),
                sandbox(workers),
                new AppConfig.Intake(
                        integer("GOFER_MAX_BODY_BYTES", 20L * 1024 * 1024, 1024, 1L << 30),
                        optional("GOFER_DEFAULT_COURSE")),
                lti(),
                terminal(),
                pip());
    }

    private AppConfig.Pip pip() {
        Map<String, String> args = new TreeMap<>();
        for (String name : List.of("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST")) {
            optional(name).ifPresent(v -> args.put(name, v));
        }
        // An unreadable PIP_CERT is not an error here: pip on the host fails the same way, and the
        // environment build says so in its log.
        return new AppConfig.Pip(args, optional("PIP_CERT").map(Path::of));
    }

    private AppConfig.Terminal terminal() {
        AppConfig.Terminal d = AppConfig.Terminal.defaults();
        return new AppConfig.Terminal(
                Duration.ofSeconds(
                        integer("GOFER_TERMINAL_IDLE_SECONDS", d.idleTimeout().toSeconds(), 1, 24 * 3600)),
                Duration.ofSeconds(
                        integer("GOFER_TERMINAL_MAX_SECONDS", d.maxDuration().toSeconds(), 1, 7 * 24 * 3600)),
                integer("GOFER_TERMINAL_MAX_SESSIONS", d.maxSessions(), 0, 64));
    }

    private AppConfig.Hub hub() {
        Map<String, String> devUsers = new LinkedHashMap<>();
        Set<String> devInstructors = new LinkedHashSet<>();
        for (String entry : list("GOFER_DEV_USERS")) {
            String[] parts = entry.split(":");
            if (parts.length < 2
                    || parts.length > 3
                    || parts[0].isEmpty()
                    || parts[1].isEmpty()
                    || (parts.length == 3 && !parts[2].equals("instructor"))) {
                throw new ConfigException("GOFER_DEV_USERS: expected token:user[:instructor], got an entry with "
                        + parts.length + " parts");
            }
            devUsers.put(parts[0], parts[1]);
            if (parts.length == 3) {
                devInstructors.add(parts[1]);
            }
        }
        Optional<URI> apiUrl = optional("JUPYTERHUB_API_URL").map(v -> uri("JUPYTERHUB_API_URL", v));
        String serviceName = values.getOrDefault("JUPYTERHUB_SERVICE_NAME", "gofer");
        return new AppConfig.Hub(
                apiUrl,
                values.getOrDefault("JUPYTERHUB_API_TOKEN", ""),
                values.getOrDefault("JUPYTERHUB_CLIENT_ID", "service-" + serviceName),
                values.getOrDefault("JUPYTERHUB_OAUTH_CALLBACK_URL", prefix() + "oauth_callback"),
                accessScopes(serviceName),
                values.getOrDefault("GOFER_INSTRUCTOR_GROUP", "instructors"),
                values.getOrDefault("GOFER_INSTRUCTOR_SCOPE", "custom:gofer:instruct"),
                Duration.ofSeconds(integer("GOFER_AUTH_CACHE_SECONDS", 30, 0, 3600)),
                Map.copyOf(devUsers),
                Set.copyOf(devInstructors),
                courseGroup("GOFER_COURSE_STUDENT_GROUP", AppConfig.Hub.DEFAULT_COURSE_STUDENT_GROUP),
                courseGroup("GOFER_COURSE_STAFF_GROUP", AppConfig.Hub.DEFAULT_COURSE_STAFF_GROUP));
    }

    /** A hub group name pattern with exactly one {course} placeholder (the two patterns must differ). */
    private String courseGroup(String key, String fallback) {
        String value = values.getOrDefault(key, fallback).strip();
        int first = value.indexOf("{course}");
        if (first < 0 || first != value.lastIndexOf("{course}")) {
            throw new ConfigException(key + ": a hub group name with exactly one {course} placeholder, e.g. " + fallback
                    + "; got '" + value + "'");
        }
        if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ConfigException(
                    key + ": a hub group name has no spaces or control characters; got '" + value + "'");
        }
        String other = key.equals("GOFER_COURSE_STAFF_GROUP")
                ? values.getOrDefault("GOFER_COURSE_STUDENT_GROUP", AppConfig.Hub.DEFAULT_COURSE_STUDENT_GROUP)
                : values.getOrDefault("GOFER_COURSE_STAFF_GROUP", AppConfig.Hub.DEFAULT_COURSE_STAFF_GROUP);
        if (value.equals(other.strip())) {
            throw new ConfigException(
                    key + ": GOFER_COURSE_STUDENT_GROUP and GOFER_COURSE_STAFF_GROUP must name different groups");
        }
        return value;
    }

    private List<String> accessScopes(String serviceName) {
        String raw = values.get("JUPYTERHUB_OAUTH_ACCESS_SCOPES");
        if (raw == null || raw.isBlank()) {
            return List.of("access:services", "access:services!service=" + serviceName);
        }
        // The hub passes json.dumps(list_of_scopes): read it as JSON so escapes and odd entries are handled.
        JsonNode list;
        try {
            list = Json.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    "JUPYTERHUB_OAUTH_ACCESS_SCOPES: expected a JSON list of scopes, got '" + raw + "'");
        }
        if (list == null || !list.isArray()) {
            throw new ConfigException(
                    "JUPYTERHUB_OAUTH_ACCESS_SCOPES: expected a JSON list of scopes, got '" + raw + "'");
        }
        List<String> scopes = new ArrayList<>();
        for (JsonNode scope : list) {
            if (!scope.isTextual() || scope.asText().isBlank()) {
                throw new ConfigException(
                        "JUPYTERHUB_OAUTH_ACCESS_SCOPES: every scope must be a non-empty string, got " + scope);
            }
            scopes.add(scope.asText());
        }
        return List.copyOf(scopes);
    }

    private AppConfig.Sandbox sandbox(int workers) {
        double cpus = decimal("GOFER_SANDBOX_CPUS", 1.0, 0.1, 64);
        return new AppConfig.Sandbox(
                values.getOrDefault("GOFER_IMAGE", "gofer-grader:latest"),
                label("GOFER_DEPLOYMENT", "default"),
                integer("GOFER_SANDBOX_MEMORY_MB", 1024, 64, 1 << 20),
                cpus,
                integer("GOFER_SANDBOX_PIDS", 256, 16, 1 << 16),
                Duration.ofSeconds(integer("GOFER_SANDBOX_TIMEOUT_SECONDS", 300, 5, 24 * 3600)),
                integer("GOFER_SANDBOX_TMPFS_MB", 256, 16, 1 << 20),
                // One waiting container per worker: a worker that finishes finds the next one ready,
                // while idle memory stays bounded (about 90 MB each with numpy and pandas imported).
                integer("GOFER_WARM_CONTAINERS", workers, 0, 64),
                kubernetes());
    }

    /** The executor: {@code docker} (default) or {@code kubernetes} with its settings. */
    private Optional<AppConfig.Kubernetes> kubernetes() {
        String executor = values.getOrDefault("GOFER_EXECUTOR", "docker").trim();
        return switch (executor) {
            case "docker" -> Optional.empty();
            case "kubernetes" -> Optional.of(kubernetesSettings());
            default ->
                throw new ConfigException("GOFER_EXECUTOR: expected docker or kubernetes, got '" + executor + "'");
        };
    }

    private AppConfig.Kubernetes kubernetesSettings() {
        String namespace =
                values.getOrDefault("GOFER_K8S_NAMESPACE", "gofer-grading").trim();
        if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new ConfigException(
                    "GOFER_K8S_NAMESPACE: expected a Kubernetes namespace name, got '" + namespace + "'");
        }
        return new AppConfig.Kubernetes(
                namespace,
                Duration.ofSeconds(integer("GOFER_K8S_JOB_TTL_SECONDS", 600, 0, 7 * 24 * 3600)),
                Duration.ofSeconds(integer("GOFER_K8S_START_TIMEOUT_SECONDS", 300, 5, 24 * 3600)));
    }

    private AppConfig.Lti lti() {
        String param =
                values.getOrDefault("GOFER_LTI_USERNAME_PARAM", "user_id").trim();
        if (!LAUNCH_PARAMETER.matcher(param).matches()) {
            throw new ConfigException(
                    "GOFER_LTI_USERNAME_PARAM: expected a launch parameter name like user_id, got '" + param + "'");
        }
        return new AppConfig.Lti(
                optional("GOFER_PUBLIC_URL").map(v -> uri("GOFER_PUBLIC_URL", v)),
                ltiConsumers(),
                ltiAssignments(),
                param,
                bool("GOFER_LTI_USERNAME_LOWERCASE", true));
    }

    private Map<String, String> ltiAssignments() {
        Map<String, String> links = new LinkedHashMap<>();
        for (String entry : list("GOFER_LTI_ASSIGNMENTS")) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new ConfigException("GOFER_LTI_ASSIGNMENTS: expected resource_link_id=course/section/assignment");
            }
            String assignment = entry.substring(eq + 1).trim();
            try {
                AssignmentKey.parse(assignment);
            } catch (InvalidAssignmentKeyException e) {
                throw new ConfigException("GOFER_LTI_ASSIGNMENTS: " + e.getMessage());
            }
            links.put(entry.substring(0, eq).trim(), assignment);
        }
        return links;
    }

    private Map<String, String> ltiConsumers() {
        Map<String, String> consumers = new LinkedHashMap<>();
        for (String entry : list("GOFER_LTI_CONSUMERS")) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new ConfigException("GOFER_LTI_CONSUMERS: expected key:secret[,key:secret...]");
            }
            consumers.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return Map.copyOf(consumers);
    }

    private String[] bindAddress() {
        String bind = values.get("GOFER_BIND");
        if (bind == null || bind.isBlank()) {
            String serviceUrl = values.get("JUPYTERHUB_SERVICE_URL");
            if (serviceUrl != null && !serviceUrl.isBlank()) {
                URI u = uri("JUPYTERHUB_SERVICE_URL", serviceUrl);
                int port = u.getPort() != -1 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80);
                return new String[] {u.getHost(), Integer.toString(port)};
            }
            bind = "127.0.0.1:10101";
        }
        int colon = bind.lastIndexOf(':');
        if (colon <= 0) {
            throw new ConfigException("GOFER_BIND: expected host:port, got '" + bind + "'");
        }
        String host = bind.substring(0, colon).replaceAll("^\\[|\\]$", "");
        long port = parseLong("GOFER_BIND", bind.substring(colon + 1));
        if (port < 0 || port > 65535) {
            throw new ConfigException("GOFER_BIND: port must be 0-65535, got " + port);
        }
        return new String[] {host, Long.toString(port)};
    }

    private String prefix() {
        String p = values.getOrDefault("JUPYTERHUB_SERVICE_PREFIX", values.getOrDefault("GOFER_PREFIX", "/"));
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        if (!p.endsWith("/")) {
            p = p + "/";
        }
        if (!p.matches("/([A-Za-z0-9._~-]+/)*")) {
            throw new ConfigException("JUPYTERHUB_SERVICE_PREFIX/GOFER_PREFIX: not a plain path: " + p);
        }
        return p;
    }

    private Path path(String key, String fallback) {
        String v = values.getOrDefault(key, fallback);
        if (v.isBlank()) {
            throw new ConfigException(key + ": must not be empty");
        }
        return Path.of(v).toAbsolutePath().normalize();
    }

    private Optional<String> optional(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private List<String> list(String key) {
        return optional(key)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    private boolean bool(String key, boolean fallback) {
        Optional<String> v = optional(key).map(String::toLowerCase);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(key + ": expected true or false, got '" + v.get() + "'");
        };
    }

    private String label(String key, String fallback) {
        String v = values.getOrDefault(key, fallback);
        if (!v.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new ConfigException(key + ": letters, digits, '.', '_' and '-' only, got '" + v + "'");
        }
        return v;
    }

    private long integer(String key, long fallback, long min, long max) {
        Optional<String> v = optional(key);
        long n = v.isPresent() ? parseLong(key, v.get()) : fallback;
        if (n < min || n > max) {
            throw new ConfigException(key + ": must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private int integer(String key, int fallback, int min, int max) {
        return (int) integer(key, (long) fallback, (long) min, (long) max);
    }

    private double decimal(String key, double fallback, double min, double max) {
        Optional<String> v = optional(key);
        double n;
        try {
            n = v.isPresent() ? Double.parseDouble(v.get()) : fallback;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": expected a number, got '" + v.get() + "'");
        }
        if (!(n >= min && n <= max)) {
            throw new ConfigException(key + ": must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private static long parseLong(String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": expected a whole number, got '" + v + "'");
        }
    }

    private static URI uri(String key, String v) {
        try {
            URI u = new URI(v.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new ConfigException(key + ": expected an absolute http(s) URL, got '" + v + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new ConfigException(key + ": not a URL: " + e.getMessage());
        }
    }
}
