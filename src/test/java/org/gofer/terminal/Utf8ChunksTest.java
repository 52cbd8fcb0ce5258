package org.gofer.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8ChunksTest {

    @Test
    void aCharacterCutBetweenTwoChunksArrivesWhole() {
        byte[] bytes = "é€😀!".getBytes(StandardCharsets.UTF_8);
        Utf8Chunks chunks = new Utf8Chunks();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            out.append(chunks.decode(Arrays.copyOfRange(bytes, i, i + 1)));
        }
        assertThat(out.toString()).isEqualTo("é€😀!");
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        Utf8Chunks chunks = new Utf8Chunks();
        assertThat(chunks.decode(new byte[] {'a', (byte) 0xff, 'b'})).isEqualTo("a\uFFFDb");
        assertThat(chunks.decode("ok".getBytes(StandardCharsets.UTF_8))).isEqualTo("ok");
    }
}
