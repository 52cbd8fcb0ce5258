package org.gofer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gofer.testsupport.GoferHttp;
import org.gofer.testsupport.ServiceProcess;

/**
 * The service under test: a real {@code java -jar target/gofer.jar serve} ({@link ServiceProcess}) with
 * its own temporary database, data directory, tests directory (the trivial assignment, and the
 * corpus's otter example when present) and deployment label; closing it stops the service and removes
 * the containers carrying that label.
 */
final class BenchService implements AutoCloseable {
    static final String TOKEN = "bench-token";
    static final String ASSIGNMENT = "bench/s1/trivial";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    private final String deployment;
    private final ServiceProcess process;
    private final GoferHttp http;
    private final BenchGradebook gradebook;

    /** Starts the service with {@code extraEnv} over the defaults (e.g. GOFER_WORKERS, GOFER_WARM_CONTAINERS). */
    BenchService(Map<String, String> extraEnv) throws Exception {
        dir = Files.createTempDirectory("gofer-bench-");
        Path tests = layOutTests(dir.resolve("tests"));
        Map<String, String> env = ServiceProcess.localEnv(dir, "bench", TOKEN + ":bench:instructor");
        env.put("GOFER_TESTS_DIR", tests.toString());
        env.remove("GOFER_WORKERS"); // the service's own default (one per core) unless extraEnv sets it
        env.put("GOFER_IMAGE", BenchMain.IMAGE);
        env.putAll(extraEnv);
        deployment = env.get("GOFER_DEPLOYMENT");
        // No -Xmx: the service as `java -jar target/gofer.jar serve` runs it, whose memory the burst reports.
        // -Dbench.serviceJvm="..." sets JVM options to compare (e.g. -XX:TieredStopAtLevel=1).
        String jvm = System.getProperty("bench.serviceJvm", "").trim();
        process = new ServiceProcess(env, dir.resolve("service.log"))
                .jvmOptions(jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")));
        process.start();
        http = new GoferHttp(process.base(), TOKEN);
        gradebook = new BenchGradebook(dir.resolve("gradebook.db"));
    }

    /** The benchmarks' tests directory in {@code tests}: the trivial assignment, and the otter example when present. */
    static Path layOutTests(Path tests) throws IOException {
        Path trivial = tests.resolve(ASSIGNMENT).resolve("tests");
        Files.createDirectories(trivial);
        Files.writeString(trivial.resolve("q1.py"), """
                test = {
                    'name': 'q1',
                    'points': 1,
                    'suites': [{'cases': [{'code': '>>> x\\n2', 'hidden': False}], 'scored': True,
                                'setup': '', 'teardown': '', 'type': 'doctest'}]
                }
                """);
        RealBench.layOutOtter(tests);
        return tests;
    }

    URI uri(String path) {
        return process.base().resolve(path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.get(path);
    }

    /** Submits and returns the new submission's id, throwing unless the answer is 202. */
    long submit(byte[] notebook) throws IOException, InterruptedException {
        HttpResponse<String> r = http.submit(notebook);
        if (r.statusCode() != 202) {
            throw new IllegalStateException("submit answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("id").asLong();
    }

    /** A metric's value from GET /metrics (no labels). */
    double metric(String name) throws IOException, InterruptedException {
        for (String line : get("metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalStateException("no metric " + name);
    }

    /** Waits (bounded) until the metric reaches at least {@code value}. */
    boolean awaitMetric(String name, double value, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (metric(name) >= value) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The gradebook, read-only. */
    Connection db() throws SQLException {
        return gradebook.open();
    }

    /** The first column of the first row of {@code sql}, as a long. */
    long count(String sql) throws SQLException {
        return gradebook.count(sql);
    }

    /** Waits (bounded) until no submission is queued or running; returns false on time-out. */
    boolean awaitDrained(Duration limit) throws SQLException, InterruptedException {
        return gradebook.awaitDrained("1", limit);
    }

    /** Waits (bounded, polling the gradebook) until the submission is graded; throws when it failed. */
    void awaitGraded(long id, Duration limit) throws SQLException, InterruptedException {
        gradebook.awaitGraded(id, limit, 10);
    }

    /**
     * The harness's {@code timing} (cells_s, tests_s...) for a graded submission, from the results.json
     * kept beside it (the gradebook's result_json does not carry it); a missing node when there is none.
     */
    JsonNode harnessTiming(String assignment, long id) throws IOException {
        Path results = dir.resolve("data/submissions/" + assignment + "/bench/" + id + "/results.json");
        return Files.isRegularFile(results) ? JSON.readTree(results.toFile()).path("timing") : JSON.missingNode();
    }

    long failedCount() throws SQLException {
        return count("SELECT count(*) FROM submissions WHERE status = 'failed'");
    }

    double rssMb() throws IOException {
        return process.rssMb();
    }

    double peakRssMb() throws IOException {
        return process.peakRssMb();
    }

    @Override
    public void close() throws Exception {
        process.stop(Duration.ofSeconds(90)); // SIGTERM: the service stops its workers and the warm pool
        Commands.removeContainers("gofer.deployment=" + deployment);
    }
}
