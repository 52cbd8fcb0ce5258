package org.gofer.bench;

import static org.gofer.bench.BenchMain.CORES;
import static org.gofer.bench.Stats.fmt;

import java.time.Duration;
import java.util.Map;

/**
 * 3. Throughput: trivial notebooks submitted at once to a service with a worker and a warm container
 * per core, until drained, against as many kernel {@code docker run}s at a time as there are cores.
 */
final class ThroughputBench {
    private ThroughputBench() {}

    static void run(Report report) throws Exception {
        int n = Integer.getInteger("bench.throughputNotebooks", 120);
        report.section(
                "3. Throughput: trivial notebooks per minute, all " + CORES + " cores busy",
                "java -cp target/gofer.jar bench/Bench.java throughput");
        double baseline = KernelBaseline.rate(CORES, Math.max(CORES * 4, 8), i -> Notebooks.trivial("btp-" + i, 1024));
        double gofer;
        try (BenchService s = new BenchService(Map.of())) {
            s.awaitMetric("gofer_warm_containers_ready", CORES, Duration.ofSeconds(60));
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s.submit(Notebooks.trivial("tp-" + i, 1024));
            }
            if (!s.awaitDrained(Duration.ofMinutes(15))) {
                throw new IllegalStateException("throughput run did not drain in 15 min");
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            gofer = n / secs * 60;
            report.add("Gofer (GOFER_WORKERS=" + CORES + ", warm pool " + CORES + "): " + n + " notebooks in "
                    + fmt(secs) + " s = **" + fmt(gofer) + "/min**; " + s.failedCount() + " failed.");
        }
        report.add("Baseline (" + CORES + " hardened `docker run` + kernel at a time): **" + fmt(baseline) + "/min**.");
        report.add("Ratio Gofer/baseline: **" + fmt(gofer / baseline) + "×**. Target ≥ 120/min: "
                + (gofer >= 120 ? "**met**" : "**missed**") + ".");
        report.add("");
    }
}
