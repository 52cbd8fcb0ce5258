package org.gofer.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Raw notebooks on disk, content-addressed: {@code notebooks/ab/abcdef....ipynb}. A file is
 * written to a temporary name, fsynced and renamed, so a crash never leaves a half file under a
 * real name; an existing file is never rewritten. Thread-safe.
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

    /** Stores the bytes under their hash (once) and returns the hash. */
    String store(byte[] bytes) {
        String sha = sha256(bytes);
        Path target = pathOf(sha);
        if (Files.exists(target)) {
            return sha;
        }
        try {
            Files.createDirectories(target.getParent());
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

    byte[] read(String sha) {
        try {
            return Files.readAllBytes(pathOf(sha));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notebook " + sha, e);
        }
    }
}
