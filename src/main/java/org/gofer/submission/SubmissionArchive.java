package org.gofer.submission;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes an assignment's submissions (all, or one student's) as a zip straight to a stream:
 * {@code manifest.csv} (id, user, submitted_at, status, score, max_score) first, then
 * {@code <username>/<id>.ipynb} copied from the content-addressed store. Rows are read in pages of
 * {@value #PAGE} by id, and each notebook is copied file to stream, so memory stays flat whatever
 * the course's size. Thread-safe.
 */
public final class SubmissionArchive {
    static final int PAGE = 500;

    private final Jdbi jdbi;
    private final SubmissionStore store;

    public SubmissionArchive(Jdbi jdbi, SubmissionStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    /** One row of the manifest and where its notebook is. */
    private record Row(
            long id, String username, Instant submittedAt, String status, Double score, Double maxScore, String sha) {}

    /** Writes the zip and finishes it; the stream stays open. */
    public void write(OutputStream out, String assignment, Optional<String> username) {
        try {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.putNextEntry(new ZipEntry("manifest.csv"));
            Writer csv = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
            csv.write("id,user,submitted_at,status,score,max_score\n");
            forEach(assignment, username, r -> {
                try {
                    csv.write(r.id() + "," + csvField(r.username()) + "," + r.submittedAt() + "," + r.status() + ","
                            + number(r.score()) + "," + number(r.maxScore()) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            csv.flush();
            zip.closeEntry();
            forEach(assignment, username, r -> {
                try {
                    zip.putNextEntry(new ZipEntry(folder(r.username()) + "/" + r.id() + ".ipynb"));
                    Files.copy(store.notebookPath(r.sha()), zip);
                    zip.closeEntry();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the submissions archive", e);
        }
    }

    private void forEach(String assignment, Optional<String> username, Consumer<Row> each) {
        long after = 0;
        while (true) {
            long from = after;
            List<Row> page = jdbi.withHandle(h -> h.createQuery("""
                            SELECT id, username, submitted_at, status, score, max_score, notebook_sha256
                              FROM submissions
                             WHERE assignment = :a AND id > :after AND (:user IS NULL OR username = :user)
                             ORDER BY id LIMIT :limit""")
                    .bind("a", assignment)
                    .bind("after", from)
                    .bind("user", username.orElse(null))
                    .bind("limit", PAGE)
                    .map((rs, ctx) -> new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getString(4),
                            nullableDouble(rs, 5),
                            nullableDouble(rs, 6),
                            rs.getString(7)))
                    .list());
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private static Double nullableDouble(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }

    /** A user name as one folder name: a zip tool must never read it as a path. */
    static String folder(String username) {
        String safe = username.replaceAll("[/\\\\:\\x00-\\x1f]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    private static String number(Double d) {
        return d == null ? "" : String.valueOf(d);
    }

    /** Hub user names are plain, but a comma or quote must not shift the columns. */
    private static String csvField(String s) {
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
