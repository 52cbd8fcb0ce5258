package org.gofer.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gofer.Json;
import org.junit.jupiter.api.Test;

/** The debug-terminal list's JSON, byte for byte as the instructors' scripts read it. */
class TerminalListWireTest {
    @Test
    void listShowsOpenCountLimitsAndLog() throws Exception {
        var list = new TerminalRoutes.TerminalList(1, 4, 900, 3600, List.of());

        assertThat(Json.snakeCase().writeValueAsString(list))
                .isEqualTo("{\"open\":1,\"max_sessions\":4,\"idle_timeout_seconds\":900,"
                        + "\"max_duration_seconds\":3600,\"sessions\":[]}");
    }
}
