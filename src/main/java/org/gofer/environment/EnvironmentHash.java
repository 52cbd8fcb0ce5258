package org.gofer.environment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash that names an environment's image: SHA-256 over a canonical text of the spec
 * (the recipe's version, the base image's Docker image ID, the sorted Debian packages, the
 * requirements file's SHA-256). Rebuilding the base image changes its ID and so every hash on
 * top of it; a new recipe version rebuilds all environments. The base's name is left out: two
 * names of one image give one environment. Stateless.
 */
public final class EnvironmentHash {
    /** Bump when {@link EnvironmentDockerfile} changes what an image holds. */
    static final String RECIPE = "gofer-environment/1";

    public static final String REPOSITORY = "gofer-env";
    /** Hex digits of the hash in the tag: 64 bits, collisions are not a concern at course scale. */
    static final int TAG_LENGTH = 16;

    private EnvironmentHash() {}

    /** The canonical text that is hashed; one line per part, so no part can run into the next. */
    static String canonical(EnvironmentSpec spec, String baseImageId) {
        return RECIPE + "\n"
                + "base-image-id=" + baseImageId + "\n"
                + "apt=" + String.join(",", spec.apt()) + "\n"
                + "requirements-sha256=" + (spec.hasRequirements() ? sha256(spec.requirements()) : "none") + "\n";
    }

    /** The 64-hex-digit hash of the spec on top of the base image with this ID. */
    public static String of(EnvironmentSpec spec, String baseImageId) {
        return sha256(canonical(spec, baseImageId).getBytes(StandardCharsets.UTF_8));
    }

    /** The image tag of an environment: {@code gofer-env:<first 16 hex digits>}. */
    public static String tag(String hash) {
        return REPOSITORY + ":" + hash.substring(0, TAG_LENGTH);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
