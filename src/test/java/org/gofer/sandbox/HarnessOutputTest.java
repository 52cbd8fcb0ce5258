package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HarnessOutputTest {

    @Test
    void resultLinesAreKeptApartFromTheLogEvenWhenSplitAcrossFrames() {
        HarnessOutput output = new HarnessOutput(1000, 1000);
        stdout(output, "starting\nGOFER-RE");
        stdout(output, "SULT 1 abc def\nbye");
        stderr(output, "warning\n");
        output.finish();

        assertThat(output.resultLines()).containsExactly("GOFER-RESULT 1 abc def");
        assertThat(output.log()).isEqualTo("starting\n[result line, 22 bytes]\nwarning\nbye\n");
        assertThat(output.droppedBytes()).isZero();
    }

    @Test
    void theLogKeepsItsHeadAndCountsWhatItDropped() {
        HarnessOutput output = new HarnessOutput(10, 1000);
        stdout(output, "0123456789abcdef\n");
        output.finish();

        assertThat(output.droppedBytes()).isEqualTo(7);
        assertThat(output.log()).startsWith("0123456789").contains("[7 more bytes of output were dropped]");
    }

    @Test
    void aFloodBeforeTheResultDoesNotPushItOut() {
        HarnessOutput output = new HarnessOutput(100, 100);
        for (int i = 0; i < 1000; i++) {
            stdout(output, "flood line " + i + "\n");
        }
        stdout(output, "GOFER-RESULT 1 fake\nGOFER-RESULT 1 real\n");
        output.finish();

        assertThat(output.resultLines()).endsWith("GOFER-RESULT 1 real");
        assertThat(output.log().length()).isLessThan(200);
    }

    @Test
    void candidateResultLinesAreBoundedKeepingTheNewest() {
        HarnessOutput output = new HarnessOutput(100, 50);
        for (int i = 0; i < 100; i++) {
            stdout(output, "GOFER-RESULT 1 line" + i + "\n");
        }
        stdout(output, "GOFER-RESULT 1 " + "x".repeat(200) + "\n");
        output.finish();

        assertThat(output.resultLines()).hasSizeLessThanOrEqualTo(3).endsWith("GOFER-RESULT 1 line99");
    }

    @Test
    void aShortLastLineWithoutNewlineIsKept() {
        HarnessOutput output = new HarnessOutput(100, 100);
        stdout(output, "abc");
        output.finish();
        assertThat(output.log()).isEqualTo("abc\n");
    }

    private static void stdout(HarnessOutput output, String text) {
        output.onNext(new Frame(StreamType.STDOUT, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void stderr(HarnessOutput output, String text) {
        output.onNext(new Frame(StreamType.STDERR, text.getBytes(StandardCharsets.UTF_8)));
    }
}
