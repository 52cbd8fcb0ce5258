package org.gofer.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a {@code GOFER-RESULT 1 <hmac> <payload>} line against the run's secret and returns the
 * results JSON only when the HMAC-SHA256 of the payload verifies (compared in constant time).
 * Anything malformed is simply "not verified": the line came from a container we do not trust.
 * Stateless.
 */
public final class ResultLineVerifier {
    /** What a result line starts with, protocol 1. */
    public static final String PREFIX = "GOFER-RESULT 1 ";

    private ResultLineVerifier() {}

    public static Optional<String> verify(String line, RunSecret secret) {
        String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (!trimmed.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = trimmed.substring(PREFIX.length()).split(" ", -1);
        if (parts.length != 2 || parts[0].length() != 64 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(parts[0]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] payload = parts[1].getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(claimed, hmac(secret, payload))) {
            return Optional.empty();
        }
        return decode(parts[1]);
    }

    static byte[] hmac(RunSecret secret, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.hmacKey(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static Optional<String> decode(String payload) {
        try {
            byte[] json = Base64.getDecoder().decode(payload);
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
