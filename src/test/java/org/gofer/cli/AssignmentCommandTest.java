package org.gofer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignmentCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new AssignmentCommand(
                        dir.resolve("tests"),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private Path zip(String otterConfig) throws IOException {
        Path p = dir.resolve("autograder.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("tests/q1.py"));
            z.write("OK_FORMAT = True\ntest = {'name': 'q1', 'points': 1, 'suites': []}\n"
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("otter_config.json"));
            z.write(otterConfig.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("files/data.csv"));
            z.write("x\n1\n".getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void importsAndSaysWhatItDid() throws Exception {
        int code = run("import", zip("{\"seed\": 7, \"show_hidden\": true}").toString(), "--as", "c/s/hw1");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("imported")
                .contains("c/s/hw1")
                .contains("tests (1): tests/q1.py")
                .contains("support files (1): data.csv")
                .contains("honoured seed")
                .contains("ignored show_hidden");
        assertThat(dir.resolve("tests/c/s/hw1/tests/q1.py")).exists();
    }

    @Test
    void aRefusedOptionExitsWith2NamingItAndWritesNothing() throws Exception {
        int code = run("import", zip("{\"grade_from_log\": true}").toString(), "--as", "c/s/hw1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("refused").contains("grade_from_log");
        assertThat(dir.resolve("tests/c/s/hw1")).doesNotExist();
    }

    @Test
    void anExistingAssignmentNeedsForce() throws Exception {
        Path zip = zip("{}");
        assertThat(run("import", zip.toString(), "--as", "c/s/hw1")).isZero();

        assertThat(run("import", zip.toString(), "--as", "c/s/hw1")).isEqualTo(2);
        assertThat(err.toString()).contains("--force");
        assertThat(run("import", zip.toString(), "--as=c/s/hw1", "--force")).isZero();
        assertThat(out.toString()).contains("replaced");
    }

    @Test
    void badKeysAndUsageExitWith2() throws Exception {
        Path zip = zip("{}");

        assertThat(run("import", zip.toString(), "--as", "c/../hw1")).isEqualTo(2);
        assertThat(run("import", zip.toString(), "--as", "only/two")).isEqualTo(2);
        assertThat(run("import", zip.toString())).isEqualTo(2);
        assertThat(run("export", zip.toString(), "--as", "c/s/hw1")).isEqualTo(2);
        assertThat(run("import", dir.resolve("missing.zip").toString(), "--as", "c/s/hw1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("usage: gofer assignment import");
        assertThat(dir.resolve("tests")).doesNotExist();
    }
}
