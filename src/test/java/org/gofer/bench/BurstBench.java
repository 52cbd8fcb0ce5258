package org.gofer.bench;

import static org.gofer.bench.BenchMain.CORES;
import static org.gofer.bench.Stats.fmt;
import static org.gofer.bench.Stats.ratio;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 4. Burst: submissions paced over 60 s; every one must end up as exactly one row with one recorded
 * grade, and the service's peak memory is set against its idle memory.
 */
final class BurstBench {
    private static final int SECONDS = 60;

    private BurstBench() {}

    static void run(Report report) throws Exception {
        int n = Integer.getInteger("bench.burst", 1000);
        report.section(
                "4. Burst: " + n + " submissions in " + SECONDS + " s",
                "java -cp target/gofer.jar bench/Bench.java burst");
        try (BenchService s = new BenchService(Map.of())) {
            s.awaitMetric("gofer_warm_containers_ready", CORES, Duration.ofSeconds(60));
            double idleRss = s.rssMb();
            List<Long> ids = Collections.synchronizedList(new ArrayList<>());
            AtomicLong errors = new AtomicLong();
            ExecutorService senders = Executors.newFixedThreadPool(16);
            long t0 = System.nanoTime();
            CountDownLatch done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                long at = t0 + TimeUnit.MILLISECONDS.toNanos(SECONDS * 1000L * i / n);
                int k = i;
                senders.submit(() -> {
                    try {
                        long wait = at - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        ids.add(s.submit(Notebooks.trivial("burst-" + k, 4 * 1024)));
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await(SECONDS + 120L, TimeUnit.SECONDS);
            senders.shutdownNow();
            double sent = (System.nanoTime() - t0) / 1e9;
            boolean drained = s.awaitDrained(Duration.ofMinutes(20));
            double drain = (System.nanoTime() - t0) / 1e9;
            double peak = s.peakRssMb();
            long distinctIds = ids.stream().distinct().count();
            long rows;
            long graded;
            long failed;
            long badCount;
            try (Connection c = s.db();
                    ResultSet rs = c.createStatement().executeQuery("""
                            SELECT count(*), sum(status = 'graded'), sum(status = 'failed'), sum(recorded_count != 1)
                              FROM submissions""")) {
                rows = rs.getLong(1);
                graded = rs.getLong(2);
                failed = rs.getLong(3);
                badCount = rs.getLong(4);
            }
            double perMin = rows / drain * 60;
            report.add("| figure | value |");
            report.add("| --- | ---: |");
            report.add("| submissions sent / 202 received / send errors | " + n + " / " + ids.size() + " / "
                    + errors.get() + " |");
            report.add("| sending took | " + fmt(sent) + " s |");
            report.add("| rows in the gradebook / distinct ids | " + rows + " / " + distinctIds + " |");
            report.add("| graded / failed | " + graded + " / " + failed + " |");
            report.add("| rows with recorded_count ≠ 1 (lost or duplicated grades) | " + badCount + " |");
            report.add("| drained (first submit → last grade) | " + (drained ? fmt(drain) + " s" : "NO, timed out")
                    + " |");
            report.add("| service peak RSS (VmHWM) / idle RSS before the burst | " + fmt(peak) + " MiB / "
                    + fmt(idleRss) + " MiB |");
            report.add("");
            boolean ok = drained && ids.size() == n && rows == n && distinctIds == n && badCount == 0;
            report.add("Ratios: peak/idle memory " + ratio(peak, idleRss) + "; drain rate " + fmt(perMin)
                    + "/min. Target zero lost, zero duplicated, ≤ 512 MB: "
                    + (ok && peak <= 512 ? "**met**" : "**missed**") + ".");
            report.add("");
        }
    }
}
