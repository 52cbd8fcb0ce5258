package org.gofer.publication;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.gofer.Json;
import org.gofer.assignment.Assignment.SourceFile;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentConfigException;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.otter.AssignmentDirectoryWriter;
import org.gofer.assignment.otter.OtterImporter;
import org.gofer.assignment.otter.SafeZipReader;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns an uploaded zip into a draft assignment in the tests directory. Everything is checked
 * before anything is written (the archive by {@link SafeZipReader}, then the assignment it makes,
 * loaded from a scratch copy); then one transaction records the draft state, the log line and the
 * validation run, and writes the directory (so a failed write leaves no state behind), and the
 * validation starts. A published assignment is replaced only when the upload says so. Thread-safe.
 */
public final class DraftUploads {
    static final String UPLOADED_SOLUTION = "examples/solution.ipynb";

    private final Jdbi jdbi;
    private final AssignmentCatalog catalog;
    private final Publications publications;
    private final ValidationRuns runs;
    private final DraftValidator validator;
    private final SafeZipReader reader;
    private final OtterImporter otter;
    private final Path scratch;

    /** @param dataDir where uploads are unpacked for checking before they go to the tests directory */
    public DraftUploads(
            Jdbi jdbi,
            AssignmentCatalog catalog,
            Publications publications,
            ValidationRuns runs,
            DraftValidator validator,
            SafeZipReader reader,
            Path dataDir) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.publications = publications;
        this.runs = runs;
        this.validator = validator;
        this.reader = reader;
        this.otter = new OtterImporter(catalog.root(), reader);
        this.scratch = dataDir.resolve("uploads");
    }

    /**
     * @throws org.gofer.assignment.otter.UnsafeArchiveException for a hostile archive
     * @throws UploadRejectedException when it does not make a gradable assignment
     * @throws PublicationConflictException when a published assignment is in the way and {@code replace} is not set
     */
    public DraftUpload.Result upload(DraftUpload u) {
        List<SourceFile> entries = read(u.archive());
        UploadFormat format = u.format().orElseGet(() -> UploadFormat.detect(entries));
        List<SourceFile> files = new ArrayList<>(
                format == UploadFormat.OTTER ? otterFiles(u) : AssignmentArchive.directoryFiles(entries));
        u.solution().ifPresent(nb -> {
            checkNotebook(nb);
            files.removeIf(f -> f.path().equals(UPLOADED_SOLUTION));
            files.add(new SourceFile(UPLOADED_SOLUTION, nb));
        });
        checkLoads(u.key(), files);

        AssignmentDirectoryWriter writer = new AssignmentDirectoryWriter(catalog.root(), u.key());
        boolean published = writer.targetExists() && publications.visibleToStudents(u.key());
        if (published && !u.replace()) {
            throw new PublicationConflictException(u.key() + " is published; students see it. Upload with "
                    + "\"replace\" to replace it (it becomes a draft until you publish it again)");
        }
        List<String> solutions = files.stream()
                .map(SourceFile::path)
                .filter(SolutionNotebooks::isSolution)
                .sorted()
                .limit(SolutionNotebooks.MAX)
                .toList();
        String detail = format.name().toLowerCase(java.util.Locale.ROOT) + ", " + files.size() + " files";
        long run = jdbi.inTransaction(h -> {
            publications.markDraft(h, u.key(), u.actor(), published ? "replace" : "upload", detail);
            long id = runs.create(h, u.key().toString(), u.actor(), solutions);
            try {
                writer.write(files, true); // last: a failed write rolls the state back
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + writer.target(), e);
            }
            return id;
        });
        validator.start(run);
        return new DraftUpload.Result(
                u.key(), format, files.stream().map(SourceFile::path).sorted().toList(), solutions, published, run);
    }

    private List<SourceFile> read(byte[] archive) {
        try {
            return reader.read(archive);
        } catch (IOException e) {
            throw new UploadRejectedException("cannot read the archive: " + e.getMessage(), e);
        }
    }

    private List<SourceFile> otterFiles(DraftUpload u) {
        try {
            return otter.assignmentFiles(u.archive(), u.key(), false);
        } catch (IOException e) {
            throw new UploadRejectedException("cannot read the archive: " + e.getMessage(), e);
        } catch (org.gofer.assignment.otter.ImportRefusedException e) {
            throw new UploadRejectedException(e.getMessage(), e);
        }
    }

    private static void checkNotebook(byte[] nb) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(nb);
        } catch (IOException e) {
            throw new UploadRejectedException("the solution is not a notebook (not JSON: " + e.getMessage() + ")", e);
        }
        if (node == null || !node.isObject() || !node.path("cells").isArray()) {
            throw new UploadRejectedException("the solution is not a notebook: it has no \"cells\" list");
        }
    }

    /** Loads the assignment from a scratch copy, so a broken assignment.json is a 400 now, not a failed grade later. */
    private void checkLoads(AssignmentKey key, List<SourceFile> files) {
        Path root = scratch.resolve(UUID.randomUUID().toString());
        try {
            new AssignmentDirectoryWriter(root, key).write(files, false);
            new AssignmentCatalog(root).load(key);
        } catch (AssignmentConfigException | IllegalStateException e) {
            throw new UploadRejectedException("the assignment cannot be graded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the upload for checking", e);
        } finally {
            deleteTree(root);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
