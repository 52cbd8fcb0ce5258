package org.gofer.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.gofer.assignment.Assignment;

/**
 * What an instructor's debug terminal starts with, as one tar archive for the working directory:
 * the notebook as submitted (under the name the grading uses), the assignment's support files,
 * and, unlike a grading, its tests as files under {@code tests/}: the shell is the instructor's,
 * so there is nothing to hide from it. Stateless.
 */
final class DebugFiles {
    static final String NOTEBOOK = "submission.ipynb";

    private DebugFiles() {}

    /** The working directory's files, path → bytes, in the order they are archived. */
    static Map<String, byte[]> of(SandboxJob job) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Assignment.SourceFile f : job.supportFiles()) {
            files.put(checked(f.path()), f.content());
        }
        for (Assignment.SourceFile f : job.tests()) {
            files.put(checked(f.path()), f.content());
        }
        files.put(NOTEBOOK, job.notebook());
        return files;
    }

    /** A POSIX tar of {@link #of}: regular files, mode 0644, owned by the container's user. */
    static byte[] tar(SandboxJob job) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (Map.Entry<String, byte[]> file : of(job).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0100644);
                entry.setIds(1000, 1000);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the debug terminal's files", e);
        }
        return bytes.toByteArray();
    }

    /** Catalog paths are relative and '/'-separated already; refuse anything that could leave the directory. */
    private static String checked(String path) {
        List<String> parts = new ArrayList<>(List.of(path.split("/", -1)));
        if (path.isEmpty() || path.startsWith("/") || parts.contains("..") || parts.contains("")) {
            throw new IllegalArgumentException("not a relative file path: " + path);
        }
        return path;
    }
}
