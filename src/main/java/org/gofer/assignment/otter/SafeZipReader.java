package org.gofer.assignment.otter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.gofer.assignment.Assignment.SourceFile;

/**
 * Reads an archive that Gofer does not trust into memory, refusing anything that could write
 * outside the assignment or exhaust the disk: absolute paths, {@code ..}, backslashes, symbolic
 * links, duplicate names (also ones that differ only in case), more than {@code maxEntries} entries
 * or {@code maxBytes} once uncompressed (counted as the bytes inflate, never trusted from headers),
 * paths nested deeper than {@value #MAX_DEPTH} folders, and entries that inflate more than
 * {@value #MAX_RATIO} times their compressed size once past {@value #RATIO_FLOOR_BYTES} bytes (a zip
 * bomb: real notebooks, tests and data compress 3 to 20 times). Nothing touches the disk here.
 * Stateless and thread-safe.
 */
public final class SafeZipReader {
    /** An assignment's support files travel in one job line of at most 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    public static final int DEFAULT_MAX_ENTRIES = 2000;
    /** Folders an entry's path may pass through; an assignment is a few levels deep. */
    public static final int MAX_DEPTH = 12;
    /** Inflated over compressed size beyond which an entry is a bomb. */
    public static final int MAX_RATIO = 200;
    /** Small entries (a run of spaces in a test) may compress very well without being a bomb. */
    public static final long RATIO_FLOOR_BYTES = 1024 * 1024;

    private static final long MAX_ARCHIVE_BYTES = 128L * 1024 * 1024;
    private static final Pattern SEGMENT = Pattern.compile("[^\\x00-\\x1f\\x7f/\\\\:*?\"<>|]{1,255}");

    private final int maxEntries;
    private final long maxBytes;

    public SafeZipReader(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    public static SafeZipReader withDefaults() {
        return new SafeZipReader(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
    }

    /** The archive's regular files, in archive order, with '/'-separated relative paths. */
    public List<SourceFile> read(Path archive) throws IOException {
        if (Files.size(archive) > MAX_ARCHIVE_BYTES) {
            throw new UnsafeArchiveException(archive + " is larger than " + MAX_ARCHIVE_BYTES / (1024 * 1024) + " MiB");
        }
        return read(Files.readAllBytes(archive));
    }

    public List<SourceFile> read(byte[] zip) throws IOException {
        List<CentralDirectory.Entry> listed = CentralDirectory.read(zip, maxEntries);
        Set<String> seen = new HashSet<>();
        for (CentralDirectory.Entry entry : listed) {
            checkName(entry.name());
            if (entry.symlink()) {
                throw new UnsafeArchiveException("'" + printable(entry.name()) + "' is a symbolic link");
            }
            String folded = stripSlash(entry.name()).toLowerCase(Locale.ROOT);
            if (!seen.add(folded)) {
                throw new UnsafeArchiveException("'" + printable(entry.name()) + "' appears twice in the archive");
            }
        }
        return inflate(zip, listed);
    }

    /** Inflates in local-header order and checks each local name against the central directory's. */
    private List<SourceFile> inflate(byte[] zip, List<CentralDirectory.Entry> listed) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        long total = 0;
        int index = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry(), index++) {
                if (index >= listed.size() || !listed.get(index).name().equals(e.getName())) {
                    throw new UnsafeArchiveException("the archive's entries do not match its central directory near '"
                            + printable(e.getName()) + "'");
                }
                if (e.isDirectory()) {
                    continue;
                }
                byte[] content = readBounded(in, maxBytes - total, e.getName());
                checkRatio(e.getName(), content.length, listed.get(index).compressedSize());
                total += content.length;
                files.add(new SourceFile(e.getName(), content));
            }
        } catch (ZipException e) {
            throw new UnsafeArchiveException("the archive is damaged: " + e.getMessage());
        }
        if (index != listed.size()) {
            throw new UnsafeArchiveException("the archive's entries do not match its central directory");
        }
        return files;
    }

    private byte[] readBounded(InputStream in, long budget, String name) throws IOException {
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, budget + 1));
        if (content.length > budget) {
            throw new UnsafeArchiveException(
                    "the archive unpacks to more than " + maxBytes + " bytes (at '" + printable(name) + "')");
        }
        return content;
    }

    private static void checkRatio(String name, long inflated, long compressed) {
        if (inflated > RATIO_FLOOR_BYTES && inflated > MAX_RATIO * Math.max(1, compressed)) {
            throw new UnsafeArchiveException("'" + printable(name) + "' inflates from " + compressed + " to more than "
                    + inflated + " bytes (over " + MAX_RATIO + " times): the archive looks like a zip bomb");
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
            throw new UnsafeArchiveException("'" + printable(name) + "' is not a relative path inside the archive");
        }
        String[] segments = stripSlash(name).split("/", -1);
        if (segments.length > MAX_DEPTH + 1) {
            throw new UnsafeArchiveException(
                    "'" + printable(name) + "' is nested more than " + MAX_DEPTH + " folders deep");
        }
        for (String segment : segments) {
            if (segment.equals("..")
                    || segment.equals(".")
                    || !SEGMENT.matcher(segment).matches()) {
                throw new UnsafeArchiveException("'" + printable(name) + "' is not a plain relative path "
                        + "(no '..', '.', empty parts, drive letters or control characters)");
            }
        }
    }

    private static String stripSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    static String printable(String name) {
        String p = name.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "..." : p;
    }
}
