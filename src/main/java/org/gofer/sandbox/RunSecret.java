package org.gofer.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The per-run secret that keys the result line's HMAC: 32 random bytes, sent as 64 lowercase hex
 * characters on the supervisor's stdin only. The HMAC key is the UTF-8 bytes of that hex text, as
 * the harness contract says. Immutable; never log it.
 */
public record RunSecret(String hex) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static RunSecret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new RunSecret(HexFormat.of().formatHex(bytes));
    }

    byte[] hmacKey() {
        return hex.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RunSecret[redacted]";
    }
}
