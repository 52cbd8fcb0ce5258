package org.gofer.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gofer.Json;

/**
 * Build states and logs on disk, so that they outlive the service: {@code
 * $GOFER_DATA_DIR/environments/<hash>.json} (status, times, error) and {@code <hash>.log} (the
 * whole build output, capped). Thread-safe: one writer per hash (the build thread), readers see
 * whole files (written to a temporary file, then moved).
 */
public final class BuildRecords {
    /** A build log larger than this is cut (apt and pip write far less); a marker says so. */
    static final long MAX_LOG_BYTES = 4L * 1024 * 1024;

    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");
    private static final ObjectMapper JSON = Json.mapper();

    private final Path dir;

    public BuildRecords(Path dataDir) {
        this.dir = dataDir.resolve("environments");
    }

    public Path log(String hash) {
        return dir.resolve(checked(hash) + ".log");
    }

    Optional<BuildRecord> read(String hash) {
        Path file = dir.resolve(checked(hash) + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return Optional.of(new BuildRecord(
                    hash,
                    BuildRecord.Status.valueOf(n.path("status").asText("NONE")),
                    instant(n, "started"),
                    instant(n, "finished"),
                    n.hasNonNull("error") ? Optional.of(n.get("error").asText()) : Optional.empty()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // a torn or foreign file: as if never built
        }
    }

    void write(BuildRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("hash", r.hash());
        n.put("tag", r.tag());
        n.put("status", r.status().name());
        r.started().ifPresent(t -> n.put("started", t.toString()));
        r.finished().ifPresent(t -> n.put("finished", t.toString()));
        r.error().ifPresent(e -> n.put("error", e));
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, r.hash(), ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
            Files.move(
                    tmp,
                    dir.resolve(r.hash() + ".json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the environment build " + r.hash(), e);
        }
    }

    /** A new, empty log for a build of this hash (a previous build's log is replaced). */
    BuildLog openLog(String hash) {
        try {
            Files.createDirectories(dir);
            return new BuildLog(Files.newOutputStream(log(hash)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build log of " + hash, e);
        }
    }

    /** The last {@code maxBytes} of the log, from a line start when possible; empty when there is none. */
    public String tail(String hash, int maxBytes) {
        Path file = log(hash);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, f.length() - maxBytes);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return from > 0 && newline >= 0 ? text.substring(newline + 1) : text;
        } catch (IOException e) {
            return "";
        }
    }

    private static String checked(String hash) {
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("not an environment hash: " + hash);
        }
        return hash;
    }

    private static Optional<Instant> instant(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(Instant.parse(n.get(field).asText())) : Optional.empty();
    }

    /** One build's log file, capped at {@link #MAX_LOG_BYTES}. Used by one thread. */
    static final class BuildLog implements AutoCloseable {
        private final OutputStream out;
        private long written;
        private boolean cut;

        private BuildLog(OutputStream out) {
            this.out = out;
        }

        void append(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            try {
                if (written + bytes.length <= MAX_LOG_BYTES) {
                    out.write(bytes);
                    out.flush();
                    written += bytes.length;
                } else if (!cut) {
                    out.write("\n[build log cut at 4 MiB]\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    cut = true;
                }
            } catch (IOException e) {
                // the disk is full or gone: the build goes on, its status still says how it ended
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                // nothing more to write
            }
        }
    }
}
