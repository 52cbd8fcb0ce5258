package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.gofer.assignment.Assignment;
import org.junit.jupiter.api.Test;

class DebugFilesTest {

    @Test
    void theArchiveHoldsTheNotebookTheSupportFilesAndTheTests() throws IOException {
        byte[] tar = DebugFiles.tar(job(
                List.of(file("tests/q1.py", "test = {}")),
                List.of(file("data/a.csv", "x\n1\n"), file("helper.py", "def f(): pass"))));

        Map<String, String> files = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertThat(e.isFile()).isTrue();
                assertThat(e.getMode() & 0777).isEqualTo(0644);
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(files)
                .containsExactly(
                        Map.entry("data/a.csv", "x\n1\n"),
                        Map.entry("helper.py", "def f(): pass"),
                        Map.entry("tests/q1.py", "test = {}"),
                        Map.entry("submission.ipynb", "{\"cells\": []}"));
        assertThat(tar.length % 512).isZero();
    }

    @Test
    void pathsThatCouldLeaveTheWorkingDirectoryAreRefused() {
        for (String bad : List.of("../x", "/etc/passwd", "a/../../b", "a//b", "")) {
            assertThatThrownBy(() -> DebugFiles.tar(job(List.of(), List.of(file(bad, "x")))))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Assignment.SourceFile file(String path, String content) {
        return new Assignment.SourceFile(path, content.getBytes(StandardCharsets.UTF_8));
    }

    private static SandboxJob job(List<Assignment.SourceFile> tests, List<Assignment.SourceFile> support) {
        return new SandboxJob(
                1,
                "c/s/a",
                "{\"cells\": []}".getBytes(StandardCharsets.UTF_8),
                tests,
                support,
                "gofer",
                "img",
                new SandboxLimits(256, 1, 64, Duration.ofSeconds(10), 32, 10, 1000));
    }
}
