package org.gofer.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The host's pip settings that an environment build passes on: where the package index is
 * ({@code PIP_INDEX_URL}, {@code PIP_EXTRA_INDEX_URL}, {@code PIP_TRUSTED_HOST}, as build
 * arguments) and the CA bundle the host trusts ({@code PIP_CERT}, copied into the build context),
 * so that a build reaches PyPI the way the host's own pip does, mirror or TLS-inspecting proxy
 * included. Immutable.
 *
 * @param buildArgs the settings that are set, by name
 * @param caBundle the bytes of the file {@code PIP_CERT} names, when it names a readable file
 */
public record PipSettings(Map<String, String> buildArgs, Optional<byte[]> caBundle) {
    static final java.util.List<String> NAMES = java.util.List.of("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL",
            "PIP_TRUSTED_HOST");

    public PipSettings {
        buildArgs = Map.copyOf(buildArgs);
    }

    public static PipSettings none() {
        return new PipSettings(Map.of(), Optional.empty());
    }

    /** From the process environment (the service's or the grade command's). */
    public static PipSettings fromEnvironment(Map<String, String> env) {
        Map<String, String> args = new TreeMap<>();
        for (String name : NAMES) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                args.put(name, value);
            }
        }
        Optional<byte[]> cert = Optional.empty();
        String certPath = env.get("PIP_CERT");
        if (certPath != null && !certPath.isBlank()) {
            try {
                cert = Optional.of(Files.readAllBytes(Path.of(certPath)));
            } catch (IOException | RuntimeException e) {
                cert = Optional.empty(); // pip on the host would fail the same way; the build says so in its log
            }
        }
        return new PipSettings(args, cert);
    }
}
