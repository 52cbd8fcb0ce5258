package org.gofer.bench;

import static org.gofer.bench.Stats.fmt;
import static org.gofer.bench.Stats.median;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.testsupport.Corpus;

/**
 * 5. A real notebook: the corpus's otter example ({@code otter-assign-example} in
 * {@code GOFER_CORPUS_DIR}), graded end to end through the API, against its cells in a kernel
 * {@code docker run}. Skipped when the corpus is not on this machine.
 */
final class RealBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealBench() {}

    /** The otter example's directory, when the corpus is on this machine. */
    static Optional<Path> otterExample() {
        return Corpus.dir().map(c -> c.resolve("otter-assign-example")).filter(Files::isDirectory);
    }

    /** The otter example as a Gofer assignment (corpus/otter/hw01), as CorpusIT lays it out. */
    static void layOutOtter(Path tests) throws IOException {
        Optional<Path> example = otterExample();
        if (example.isEmpty()) {
            return;
        }
        Path src = example.get();
        Path otter = tests.resolve("corpus/otter/hw01");
        Files.createDirectories(otter.resolve("tests"));
        try (var files = Files.list(src.resolve("tests"))) {
            for (Path f : files.toList()) {
                Files.copy(f, otter.resolve("tests").resolve(f.getFileName()));
            }
        }
        Files.copy(src.resolve("autograder/student_file.py"), otter.resolve("student_file.py"));
        Files.copy(src.resolve("autograder/data.csv"), otter.resolve("data.csv"));
    }

    /** The otter example's notebook, with the metadata that names its Gofer assignment. */
    static byte[] otterNotebook(Path example) throws IOException {
        ObjectNode nb = (ObjectNode)
                JSON.readTree(example.resolve("autograder/example.ipynb").toFile());
        ObjectNode metadata = nb.has("metadata") ? (ObjectNode) nb.get("metadata") : nb.putObject("metadata");
        metadata.putObject("gofer")
                .put("course", "corpus")
                .put("section", "otter")
                .put("assignment", "hw01");
        return JSON.writeValueAsBytes(nb);
    }

    /** The files the otter example's notebook reads, for a kernel {@code docker run} of the baseline. */
    static List<String> otterMounts(Path example) {
        Path auto = example.resolve("autograder");
        return List.of(
                "-v",
                auto.resolve("data.csv") + ":/home/gofer/data.csv:ro",
                "-v",
                auto.resolve("student_file.py") + ":/home/gofer/student_file.py:ro");
    }

    static void run(Report report) throws Exception {
        report.section(
                "5. A real notebook: the corpus's otter example, graded end to end",
                "java -cp target/gofer.jar bench/Bench.java real");
        Optional<Path> example = otterExample();
        if (example.isEmpty()) {
            report.add("Skipped: the corpus (otter-assign-example) is not on this machine.");
            report.add("");
            return;
        }
        byte[] bytes = otterNotebook(example.get());
        List<String> mounts = otterMounts(example.get());
        List<Double> base = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            base.add(KernelBaseline.run(bytes, mounts)[0]);
        }
        List<Double> wall = new ArrayList<>();
        String score = "";
        try (BenchService s = new BenchService(Map.of("GOFER_WORKERS", "1"))) {
            for (int i = 0; i < 4; i++) {
                s.awaitMetric("gofer_warm_containers_ready", 1, Duration.ofSeconds(60));
                long t0 = System.nanoTime();
                long id = s.submit(bytes);
                s.awaitGraded(id, Duration.ofMinutes(5));
                if (i > 0) {
                    wall.add((System.nanoTime() - t0) / 1e9);
                }
                try (Connection c = s.db();
                        ResultSet rs = c.createStatement()
                                .executeQuery("SELECT score, max_score FROM submissions WHERE id = " + id)) {
                    JsonNode timing = s.harnessTiming("corpus/otter/hw01", id);
                    score = fmt(rs.getDouble(1)) + "/" + fmt(rs.getDouble(2)) + " (cells " + timing.path("cells_s")
                            + " s, tests " + timing.path("tests_s") + " s)";
                }
            }
        }
        report.add("Gofer, submit → graded (warm pool, tests run): p50 " + fmt(median(wall)) + " s over " + wall.size()
                + " runs; score " + score + ", expected 41/41 (EXPECTED.json).");
        report.add("Baseline, hardened `docker run` + kernel executing the cells only (no tests): p50 "
                + fmt(median(base)) + " s over " + base.size() + " runs.");
        report.add("Ratio baseline/Gofer: **" + fmt(median(base) / median(wall)) + "×**.");
        report.add("");
    }
}
