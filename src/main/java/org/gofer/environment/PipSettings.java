package org.gofer.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gofer.config.AppConfig;

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
    public PipSettings {
        buildArgs = Map.copyOf(buildArgs);
    }

    public static PipSettings none() {
        return new PipSettings(Map.of(), Optional.empty());
    }

    /** The settings {@link org.gofer.config.ConfigLoader} read; the CA bundle's bytes are read now. */
    public static PipSettings fromConfig(AppConfig.Pip pip) {
        Optional<byte[]> cert = Optional.empty();
        if (pip.caBundle().isPresent()) {
            try {
                cert = Optional.of(Files.readAllBytes(pip.caBundle().get()));
            } catch (IOException | RuntimeException e) {
                cert = Optional.empty(); // pip on the host would fail the same way; the build says so in its log
            }
        }
        return new PipSettings(new TreeMap<>(pip.buildArgs()), cert);
    }
}
