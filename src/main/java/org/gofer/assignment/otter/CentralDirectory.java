package org.gofer.assignment.otter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zip file's central directory for what {@link java.util.zip.ZipFile} does not tell: every
 * entry as listed (duplicates included) and whether the archiver marked it a Unix symbolic link.
 * Zip64 and encrypted archives are refused: an autograder.zip is small and never encrypted.
 */
final class CentralDirectory {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_SIZE = 22;
    private static final int HOST_UNIX = 3;
    private static final int TYPE_MASK = 0xF000;
    private static final int TYPE_SYMLINK = 0xA000;

    /**
     * One listed entry: its raw name, whether it is a symbolic link, and its compressed size as the
     * header states it (used for the compression ratio only; inflated bytes are counted, not trusted).
     */
    record Entry(String name, boolean symlink, long compressedSize) {}

    private CentralDirectory() {}

    static List<Entry> read(byte[] zip, int maxEntries) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = findEnd(buf);
        int count = Short.toUnsignedInt(buf.getShort(end + 10));
        long size = Integer.toUnsignedLong(buf.getInt(end + 12));
        long offset = Integer.toUnsignedLong(buf.getInt(end + 16));
        if (count == 0xFFFF || size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL) {
            throw new UnsafeArchiveException("zip64 archives are not accepted (an autograder.zip is small)");
        }
        if (count > maxEntries) {
            throw new UnsafeArchiveException(
                    "the archive has " + count + " entries; at most " + maxEntries + " are accepted");
        }
        if (offset + size > end) {
            throw new UnsafeArchiveException("the archive's central directory is damaged");
        }
        List<Entry> entries = new ArrayList<>(count);
        int at = (int) offset;
        for (int i = 0; i < count; i++) {
            if (at + 46 > end || buf.getInt(at) != ENTRY_SIGNATURE) {
                throw new UnsafeArchiveException("the archive's central directory is damaged");
            }
            int madeBy = Short.toUnsignedInt(buf.getShort(at + 4)) >>> 8;
            int flags = Short.toUnsignedInt(buf.getShort(at + 8));
            int nameLength = Short.toUnsignedInt(buf.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(buf.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(buf.getShort(at + 32));
            long compressed = Integer.toUnsignedLong(buf.getInt(at + 20));
            int unixMode = buf.getInt(at + 38) >>> 16;
            if (at + 46 + nameLength > end) {
                throw new UnsafeArchiveException("the archive's central directory is damaged");
            }
            if ((flags & 1) != 0) {
                throw new UnsafeArchiveException("encrypted entries are not accepted");
            }
            String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
            entries.add(new Entry(name, madeBy == HOST_UNIX && (unixMode & TYPE_MASK) == TYPE_SYMLINK, compressed));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    /** The end record is the last thing in the file, followed only by a comment of up to 64 KiB. */
    private static int findEnd(ByteBuffer buf) {
        int last = buf.limit() - END_SIZE;
        int first = Math.max(0, last - 0xFFFF);
        for (int at = last; at >= first; at--) {
            if (buf.getInt(at) == END_SIGNATURE) {
                return at;
            }
        }
        throw new UnsafeArchiveException("not a zip archive (no end of central directory)");
    }
}
