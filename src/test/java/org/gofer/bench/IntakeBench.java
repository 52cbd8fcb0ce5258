package org.gofer.bench;

import static org.gofer.bench.Stats.fmt;
import static org.gofer.bench.Stats.ratio;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gofer.testsupport.ServiceProcess;

/**
 * 1. Intake: concurrent clients posting unique 100 KB notebooks, closed loop and paced, against a
 * service with no workers (it accepts and queues only) and against {@link TrivialServer}.
 */
final class IntakeBench {
    private IntakeBench() {}

    static void run(Report report) throws Exception {
        int clients = Integer.getInteger("bench.clients", 200);
        int seconds = Integer.getInteger("bench.intakeSeconds", 30);
        report.section(
                "1. Intake: " + clients + " concurrent clients posting a 100 KB notebook",
                "java -cp target/gofer.jar bench/Bench.java intake");
        int basePort = ServiceProcess.freePort();
        Process trivial = startTrivialServer(basePort);
        Map<String, IntakeLoad> results = new LinkedHashMap<>();
        try {
            awaitPort(basePort);
            URI base = URI.create("http://127.0.0.1:" + basePort + "/submit");
            results.put("baseline, closed loop", IntakeLoad.drive(base, clients, seconds, 0));
            results.put("baseline, 1 req/s per client", IntakeLoad.drive(base, clients, seconds, 1000));
        } finally {
            trivial.destroy();
            trivial.waitFor(10, TimeUnit.SECONDS);
        }
        // Workers 0: the service accepts and queues only, so this measures intake alone.
        try (BenchService s = new BenchService(Map.of("GOFER_WORKERS", "0"))) {
            results.put("Gofer, closed loop", IntakeLoad.drive(s.uri("submit"), clients, seconds, 0));
            results.put("Gofer, 1 req/s per client", IntakeLoad.drive(s.uri("submit"), clients, seconds, 1000));
            try (Connection c = s.db();
                    ResultSet rs = c.createStatement()
                            .executeQuery("SELECT count(*), count(DISTINCT notebook_sha256) FROM submissions")) {
                long accepted = results.get("Gofer, closed loop").ok + results.get("Gofer, 1 req/s per client").ok;
                report.add("Rows in the gradebook after the run: " + rs.getLong(1) + " (202s received: " + accepted
                        + "), distinct notebooks " + rs.getLong(2) + "; service peak RSS " + fmt(s.peakRssMb())
                        + " MiB.");
                report.add("");
            }
        }
        report.add("| load | requests | req/s | errors | p50 ms | p99 ms | max ms |");
        report.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        results.forEach((name, r) -> report.add("| " + name + " | " + r.ok + " | " + fmt(r.ok / r.seconds) + " | "
                + r.errors + " | " + fmt(r.p(50)) + " | " + fmt(r.p(99)) + " | " + fmt(r.p(100)) + " |"));
        IntakeLoad gc = results.get("Gofer, closed loop");
        IntakeLoad bc = results.get("baseline, closed loop");
        IntakeLoad gp = results.get("Gofer, 1 req/s per client");
        IntakeLoad bp = results.get("baseline, 1 req/s per client");
        report.add("");
        report.add("Ratios Gofer/baseline: closed loop p50 " + ratio(gc.p(50), bc.p(50)) + ", p99 "
                + ratio(gc.p(99), bc.p(99)) + ", throughput " + ratio(gc.ok / gc.seconds, bc.ok / bc.seconds)
                + "; paced p50 " + ratio(gp.p(50), bp.p(50)) + ", p99 " + ratio(gp.p(99), bp.p(99)) + ".");
        report.add("Target p99 ≤ 50 ms, zero errors (paced load): p99 " + fmt(gp.p(99)) + " ms, errors " + gp.errors
                + " → " + (gp.p(99) <= 50 && gp.errors == 0 ? "**met**" : "**missed**") + ".");
        report.add("");
    }

    /** {@link TrivialServer} in a JVM of its own, on the jar and these compiled classes. */
    private static Process startTrivialServer(int port) throws Exception {
        String classes = Path.of(TrivialServer.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        String classPath = Path.of("target/gofer.jar").toAbsolutePath() + File.pathSeparator + classes;
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        TrivialServer.class.getName(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket sock = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port);
    }
}
