package org.gofer.terminal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a TTY's byte stream into text for {@code ["stdout", ...]} messages. Docker cuts the stream
 * anywhere, also inside a multi-byte character; the incomplete tail of a chunk waits for the next
 * one instead of turning into two replacement characters. Bytes that are not UTF-8 become U+FFFD.
 * Not thread-safe: one per stream, fed from its one reader thread.
 */
final class Utf8Chunks {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] pending = new byte[0];

    String decode(byte[] chunk) {
        ByteBuffer in = ByteBuffer.allocate(pending.length + chunk.length)
                .put(pending)
                .put(chunk)
                .flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pending = new byte[in.remaining()];
        in.get(pending);
        return out.flip().toString();
    }
}
