package org.gofer.assignment.otter;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.gofer.assignment.Assignment.SourceFile;
import org.gofer.assignment.AssignmentKey;

/**
 * Writes a whole assignment directory so that graders never see half of it: the files go to a
 * hidden directory beside the target (a name the catalog never lists), which is then renamed into
 * place. Replacing moves the old directory aside first and removes it after; between the two
 * renames the assignment is briefly absent, never mixed.
 */
public final class AssignmentDirectoryWriter {
    private final Path parent;
    private final Path target;

    public AssignmentDirectoryWriter(Path testsDir, AssignmentKey key) {
        this.parent = testsDir.resolve(key.course()).resolve(key.section());
        this.target = parent.resolve(key.name());
        if (!target.normalize().startsWith(testsDir)) {
            throw new ImportRefusedException("the assignment key leaves the tests directory");
        }
    }

    public Path target() {
        return target;
    }

    public boolean targetExists() {
        return Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    }

    /** @return whether an existing directory was replaced */
    public boolean write(List<SourceFile> files, boolean replace) throws IOException {
        Files.createDirectories(parent);
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        Path staging = parent.resolve("." + target.getFileName() + ".import-" + nonce);
        try {
            Files.createDirectory(staging);
            for (SourceFile f : files) {
                Path out = staging.resolve(f.path()).normalize();
                if (!out.startsWith(staging) || out.equals(staging)) {
                    throw new UnsafeArchiveException("'" + f.path() + "' leaves the assignment directory");
                }
                Files.createDirectories(out.getParent());
                Files.write(out, f.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            return moveIntoPlace(staging, replace, nonce);
        } finally {
            deleteTree(staging);
        }
    }

    private boolean moveIntoPlace(Path staging, boolean replace, String nonce) throws IOException {
        if (!targetExists()) {
            try {
                move(staging, target);
                return false;
            } catch (FileAlreadyExistsException e) {
                if (!replace) {
                    throw new ImportRefusedException(target + " already exists; pass --force to replace it");
                }
            }
        }
        if (Files.isSymbolicLink(target) || !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImportRefusedException(target + " exists and is not a directory; not replacing it");
        }
        Path old = parent.resolve("." + target.getFileName() + ".replaced-" + nonce);
        move(target, old);
        try {
            move(staging, target);
        } catch (IOException | RuntimeException e) {
            move(old, target);
            throw e;
        }
        deleteTree(old);
        return true;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // same parent directory, so this only happens on unusual file systems
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
