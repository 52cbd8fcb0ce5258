package org.gofer.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Raw notebooks on disk, content-addressed: {@code notebooks/ab/abcdef....ipynb}. A file is
 * written to a temporary name, fsynced and renamed, so a crash never leaves a half file under a
 * real name; an existing file is never rewritten. The rename itself is durable only once its
 * directory is fsynced: {@link #syncDirectories} does that for a whole batch of stored files at
 * once (the intake committer calls it before it commits their rows). Thread-safe.
 */
final class NotebookFiles {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private final Path root;

    NotebookFiles(Path dataDir) {
        this.root = dataDir.resolve("notebooks");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path pathOf(String sha) {
        if (!SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha);
        }
        return root.resolve(sha.substring(0, 2)).resolve(sha + ".ipynb");
    }

    /** The directory whose entry names the stored notebook: fsync it to make the rename durable. */
    Path directoryOf(String sha) {
        return pathOf(sha).getParent();
    }

    /**
     * Stores the bytes under their hash (once) and returns the hash. The file's content is on disk
     * when this returns; its name is durable after {@link #syncDirectories} of {@link #directoryOf}.
     */
    String store(byte[] bytes) {
        String sha = sha256(bytes);
        Path target = pathOf(sha);
        if (Files.exists(target)) {
            return sha;
        }
        try {
            createDurably(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store notebook " + sha, e);
        }
    }

    /**
     * Fsyncs each directory once, so that the renames into them survive a power loss. One call
     * per batch of submissions: the directories are few (256 at most) and each fsync flushes every
     * rename made in it so far.
     */
    static void syncDirectories(Collection<Path> directories) {
        for (Path dir : directories) {
            syncDirectory(dir);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fsync directory " + dir, e);
        }
    }

    /** Creates the directory and its missing parents, fsyncing the parent of each one it created. */
    private static void createDurably(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            createDurably(parent);
        }
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            // Another thread created it a moment ago and may not have fsynced the parent yet: do it here too.
        }
        if (parent != null) {
            syncDirectory(parent);
        }
    }

    byte[] read(String sha) {
        try {
            return Files.readAllBytes(pathOf(sha));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notebook " + sha, e);
        }
    }
}
