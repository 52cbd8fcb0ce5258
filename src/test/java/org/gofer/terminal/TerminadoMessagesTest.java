package org.gofer.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminadoMessagesTest {

    @Test
    void keystrokesAndSizesAreRead() {
        assertThat(TerminadoMessages.parse("[\"stdin\", \"ls -l\\r\"]"))
                .contains(new TerminadoMessages.Stdin("ls -l\r"));
        assertThat(TerminadoMessages.parse("[\"set_size\", 30, 100]")).contains(new TerminadoMessages.SetSize(30, 100));
        // terminado's clients send the pixel size too; it is not needed
        assertThat(TerminadoMessages.parse("[\"set_size\", 24, 80, 600, 800]"))
                .contains(new TerminadoMessages.SetSize(24, 80));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "{}",
                "[]",
                "[1, 2]",
                "[\"stdin\"]",
                "[\"stdin\", 5]",
                "[\"stdin\", \"a\", \"b\"]",
                "[\"set_size\", 0, 80]",
                "[\"set_size\", 24, 100000]",
                "[\"set_size\", \"24\", \"x\"]",
                "[\"set_size\", 24]",
                "[\"kill\", \"SIGKILL\"]"
            })
    void anythingElseIsIgnored(String message) {
        assertThat(TerminadoMessages.parse(message)).isEmpty();
    }

    @Test
    void theServerSpeaksTerminado() {
        assertThat(TerminadoMessages.setup()).isEqualTo("[\"setup\",{}]");
        assertThat(TerminadoMessages.stdout("a\"b\r\n\u001b[1m")).isEqualTo("[\"stdout\",\"a\\\"b\\r\\n\\u001B[1m\"]");
        assertThat(TerminadoMessages.disconnect()).isEqualTo("[\"disconnect\",1]");
    }
}
