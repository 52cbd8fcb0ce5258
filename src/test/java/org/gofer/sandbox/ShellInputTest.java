package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShellInputTest {

    @Test
    void aReaderWaitsForKeystrokesAndSeesTheEndAfterClose() throws Exception {
        ShellInput input = new ShellInput();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            byte[] buffer = new byte[64];
            StringBuilder b = new StringBuilder();
            for (int n = input.read(buffer, 0, buffer.length); n >= 0; n = input.read(buffer, 0, buffer.length)) {
                b.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return b.toString();
        });
        Thread.sleep(200);
        assertThat(read).isNotDone();

        assertThat(input.write("ls\r".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(input.write("exit\r".getBytes(StandardCharsets.UTF_8))).isTrue();
        input.close();

        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("ls\rexit\r");
        assertThat(input.write("late".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void aShellThatStopsReadingMakesFurtherInputFailInsteadOfGrowingTheHeap() {
        ShellInput input = new ShellInput();
        for (int i = 0; i < ShellInput.MAX_CHUNKS; i++) {
            assertThat(input.write(new byte[] {'x'})).isTrue();
        }
        assertThat(input.write(new byte[] {'y'})).isFalse();
    }
}
