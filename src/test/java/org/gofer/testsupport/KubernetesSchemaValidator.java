package org.gofer.testsupport;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks manifests against the Kubernetes API's own schema: the OpenAPI schemas of each Kubernetes
 * release as strict JSON schemas, which kubernetes-validate ships (installed in a venv by
 * {@code deploy/kubernetes-schema/install-validator.sh}). Strict means no property the API does
 * not define, beside the required fields, types, enums and int-or-string quantities of the schema
 * itself; the fabric8 model knows only the field names and Java types. Every manifest is checked
 * against the oldest and the newest Kubernetes Gofer supports. Stateless.
 */
public final class KubernetesSchemaValidator {
    /** The oldest Kubernetes Gofer supports and the newest the pinned validator has schemas of. */
    public static final List<String> VERSIONS = List.of("1.28.0", "1.37.0");

    private static final Path VENV =
            Path.of(System.getenv().getOrDefault("GOFER_K8S_VALIDATOR_VENV", "/var/cache/gofer/kubernetes-validate"));
    private static final Path CLI = VENV.resolve("bin/kubernetes-validate");

    private KubernetesSchemaValidator() {}

    /** Skips the calling test, naming the install script, when the validator is not installed. */
    public static void assumeInstalled() {
        assumeThat(Files.isExecutable(CLI))
                .as(
                        "kubernetes-validate is not installed at %s; install it with"
                                + " deploy/kubernetes-schema/install-validator.sh (./gofer setup does)",
                        CLI)
                .isTrue();
    }

    /**
     * Validates each manifest (a file of one document, JSON or YAML) against every one of
     * {@link #VERSIONS}, strictly.
     *
     * @return the validator's complaints, one line each, naming the file, the resource, the version,
     *     the path in the document and what is wrong; empty when every manifest is valid everywhere
     */
    public static List<String> violations(List<Path> manifests) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CLI.toString(), "--strict"));
        for (String version : VERSIONS) {
            command.addAll(List.of("-k", version));
        }
        manifests.forEach(m -> command.add(m.toAbsolutePath().toString()));
        List<String> lines = run(command);

        List<String> violations = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("INFO ")) {
                violations.add(line);
            }
        }
        // The validator only warns, and exits 0, for a kind or apiVersion it has no schema of; and a
        // file it cannot read stops it. A manifest counts as valid only where it says "passed".
        for (Path manifest : manifests) {
            for (String version : VERSIONS) {
                String file = manifest.toAbsolutePath() + " ";
                String against = "version " + majorMinor(version);
                if (lines.stream().noneMatch(l -> l.startsWith("INFO " + file + "passed ") && l.endsWith(against))
                        && violations.stream().noneMatch(v -> v.contains(file) && v.contains(against))) {
                    violations.add(manifest + " was not found valid against Kubernetes " + version);
                }
            }
        }
        return violations;
    }

    private static String majorMinor(String version) {
        return version.substring(0, version.lastIndexOf('.'));
    }

    /** Runs the validator, bounded: the lines of its output and, when it failed, of its errors. */
    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        BoundedProcess.Finished validator = BoundedProcess.run(command, Duration.ofSeconds(120));
        List<String> lines = new ArrayList<>(validator.stdout().lines().toList());
        if (validator.exitCode() != 0) {
            lines.addAll(validator.stderr().lines().toList());
        }
        return lines;
    }
}
