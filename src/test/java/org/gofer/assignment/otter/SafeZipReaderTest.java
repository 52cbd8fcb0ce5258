package org.gofer.assignment.otter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gofer.assignment.Assignment.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeZipReaderTest {
    private final SafeZipReader reader = SafeZipReader.withDefaults();

    @Test
    void readsRegularFilesWithTheirPathsAndSkipsDirectories() throws Exception {
        byte[] zip = Zips.create()
                .file("tests/", new byte[0])
                .file("tests/q1.py", "OK_FORMAT = True\n")
                .file("files/data.csv", "x\n1\n")
                .bytes();

        List<SourceFile> files = reader.read(zip);

        assertThat(files).extracting(SourceFile::path).containsExactly("tests/q1.py", "files/data.csv");
        assertThat(new String(files.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("x\n1\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../evil.py",
                "tests/../../evil.py",
                "/etc/cron.d/evil",
                "files\\..\\evil",
                "C:/evil",
                "files/./x",
                "files//x",
                "files/a\u0001b"
            })
    void refusesPathsThatLeaveOrHideTheirPlace(String name) throws Exception {
        byte[] zip = Zips.create().file("tests/q1.py", "x").file(name, "pwned").bytes();

        assertThatThrownBy(() -> reader.read(zip))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("path");
    }

    @Test
    void refusesSymbolicLinks() throws Exception {
        byte[] zip = Zips.markSymlink(
                Zips.create()
                        .file("tests/q1.py", "x")
                        .file("files/passwd", "/etc/passwd")
                        .bytes(),
                "files/passwd");

        assertThatThrownBy(() -> reader.read(zip))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("files/passwd")
                .hasMessageContaining("symbolic link");
    }

    @Test
    void refusesDuplicateNames() throws Exception {
        byte[] zip = Zips.rename(
                Zips.create()
                        .file("tests/q1.py", "good")
                        .file("tests/q2.py", "evil")
                        .bytes(),
                "tests/q2.py",
                "tests/q1.py",
                true);

        assertThatThrownBy(() -> reader.read(zip))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("tests/q1.py")
                .hasMessageContaining("twice");
    }

    @Test
    void refusesNamesThatDifferOnlyInCase() throws Exception {
        byte[] zip = Zips.create()
                .file("files/Data.csv", "a")
                .file("files/data.csv", "b")
                .bytes();

        assertThatThrownBy(() -> reader.read(zip))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void refusesALocalHeaderThatDisagreesWithTheCentralDirectory() throws Exception {
        byte[] zip = Zips.rename(
                Zips.create().file("files/aaaa.csv", "x").bytes(), "files/aaaa.csv", "../../evil.csv", false);

        assertThatThrownBy(() -> reader.read(zip))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("central directory");
    }

    @Test
    void refusesAnArchiveThatInflatesBeyondTheLimitCountingRealBytes() throws Exception {
        byte[] zeros = new byte[8 * 1024 * 1024];
        byte[] zip = Zips.create().file("files/bomb.bin", zeros).bytes();
        assertThat(zip.length).as("compresses well").isLessThan(64 * 1024);

        assertThatThrownBy(() -> new SafeZipReader(100, 1024 * 1024).read(zip))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("more than 1048576 bytes");
    }

    @Test
    void refusesTooManyEntries() throws Exception {
        Zips zips = Zips.create();
        for (int i = 0; i < 11; i++) {
            zips.file("files/f" + i, "x");
        }

        assertThatThrownBy(() -> new SafeZipReader(10, 1024).read(zips.bytes()))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("11 entries");
    }

    @Test
    void refusesWhatIsNotAZip() {
        assertThatThrownBy(() -> reader.read("not a zip at all, just some text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("not a zip");
    }

    @Test
    void refusesAnEntryThatInflatesFarBeyondItsCompressedSizeWithinTheTotalLimit() throws Exception {
        byte[] zeros = new byte[4 * 1024 * 1024]; // 4 MiB of zeros deflate to about 4 KiB: over 200 times
        byte[] zip = Zips.create()
                .file("tests/q1.py", "x")
                .file("data/zeros.bin", zeros)
                .bytes();

        assertThatThrownBy(() -> new SafeZipReader(100, 64L * 1024 * 1024).read(zip))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("data/zeros.bin")
                .hasMessageContaining("zip bomb");
    }

    @Test
    void acceptsASmallEntryThatCompressesWell() throws Exception {
        byte[] spaces = " ".repeat(512 * 1024).getBytes(StandardCharsets.UTF_8);
        byte[] zip = Zips.create().file("tests/q1.py", spaces).bytes();

        assertThat(new SafeZipReader(100, 64L * 1024 * 1024).read(zip)).hasSize(1);
    }

    @Test
    void refusesPathsNestedTooDeep() throws Exception {
        String deep = "a/".repeat(SafeZipReader.MAX_DEPTH + 1) + "f.txt";
        byte[] zip = Zips.create().file(deep, "x").bytes();

        assertThatThrownBy(() -> reader.read(zip))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("nested more than " + SafeZipReader.MAX_DEPTH);
        assertThat(reader.read(Zips.create()
                        .file("a/".repeat(SafeZipReader.MAX_DEPTH) + "f.txt", "x")
                        .bytes()))
                .hasSize(1);
    }
}
