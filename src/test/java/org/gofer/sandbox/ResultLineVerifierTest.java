package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ResultLineVerifierTest {
    private static final RunSecret SECRET = new RunSecret("ab".repeat(32));
    private static final String JSON = "{\"score\": 1.0, \"note\": \"caf\u00e9\"}";

    @Test
    void aLineSignedWithTheSecretYieldsItsJson() {
        assertThat(ResultLineVerifier.verify(line(SECRET, payload(JSON)), SECRET))
                .contains(JSON);
    }

    @Test
    void agreesWithPythonsHmacOnAKnownLine() {
        // python3: hmac.new(("ab"*32).encode(), b"eyJzY29yZSI6IDF9", hashlib.sha256).hexdigest()
        String line =
                "GOFER-RESULT 1 d00492553b53be905256eb7e369c09298b4ba51d7f4926d31d0d58e5f497151b eyJzY29yZSI6IDF9";
        assertThat(ResultLineVerifier.verify(line, SECRET)).contains("{\"score\": 1}");
    }

    @Test
    void aCarriageReturnAtTheEndIsTolerated() {
        assertThat(ResultLineVerifier.verify(line(SECRET, payload(JSON)) + "\r", SECRET))
                .contains(JSON);
    }

    @Test
    void aLineSignedWithAnotherKeyIsRejected() {
        assertThat(ResultLineVerifier.verify(line(new RunSecret("cd".repeat(32)), payload(JSON)), SECRET))
                .isEmpty();
    }

    @Test
    void aChangedPayloadIsRejected() {
        String good = line(SECRET, payload(JSON));
        String mac = good.split(" ")[2];
        String tampered = "GOFER-RESULT 1 " + mac + " " + payload("{\"score\": 100.0}");
        assertThat(ResultLineVerifier.verify(tampered, SECRET)).isEmpty();
    }

    @Test
    void malformedLinesAreRejectedWithoutThrowing() {
        String mac = line(SECRET, payload(JSON)).split(" ")[2];
        assertThat(ResultLineVerifier.verify("GOFER-RESULT 2 " + mac + " " + payload(JSON), SECRET))
                .isEmpty();
        assertThat(ResultLineVerifier.verify(
                        "GOFER-RESULT 1 " + mac.toUpperCase().replace('A', 'Z') + " x", SECRET))
                .isEmpty();
        assertThat(ResultLineVerifier.verify("GOFER-RESULT 1 " + mac, SECRET)).isEmpty();
        assertThat(ResultLineVerifier.verify("GOFER-RESULT 1 " + mac + " a b", SECRET))
                .isEmpty();
        assertThat(ResultLineVerifier.verify("score: 10/10", SECRET)).isEmpty();
        assertThat(ResultLineVerifier.verify("", SECRET)).isEmpty();
    }

    @Test
    void aVerifiedPayloadThatIsNotBase64OfUtf8IsRejected() {
        assertThat(ResultLineVerifier.verify(line(SECRET, "not*base64"), SECRET))
                .isEmpty();
        String latin1 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe});
        assertThat(ResultLineVerifier.verify(line(SECRET, latin1), SECRET)).isEmpty();
    }

    @Test
    void generatedSecretsAreFresh64HexCharacters() {
        RunSecret a = RunSecret.generate();
        RunSecret b = RunSecret.generate();
        assertThat(a.hex()).matches("[0-9a-f]{64}");
        assertThat(a.hex()).isNotEqualTo(b.hex());
        assertThat(a.toString()).doesNotContain(a.hex());
    }

    static String line(RunSecret secret, String payload) {
        byte[] mac = ResultLineVerifier.hmac(secret, payload.getBytes(StandardCharsets.US_ASCII));
        return "GOFER-RESULT 1 " + HexFormat.of().formatHex(mac) + " " + payload;
    }

    static String payload(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
