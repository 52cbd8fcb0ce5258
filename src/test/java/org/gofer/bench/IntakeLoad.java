package org.gofer.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Drives {@code clients} threads posting unique 100 KB notebooks for {@code seconds}; the intake figures. */
final class IntakeLoad {
    long ok;
    long errors;
    double seconds;
    /** Latencies of the 202 answers in ms, ascending. */
    final List<Double> latencies = new ArrayList<>();

    double p(double pct) {
        return Stats.pct(latencies, pct);
    }

    private static final AtomicInteger RUNS = new AtomicInteger();

    /** @param periodMs 0: each client posts again at once (closed loop); else one post per period */
    static IntakeLoad drive(URI target, int clients, int seconds, long periodMs) throws Exception {
        ExecutorService httpThreads = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        byte[] template = Notebooks.trivial("NONCE-000000000000", 100 * 1024);
        String t = new String(template, StandardCharsets.UTF_8);
        int at = t.indexOf("NONCE-000000000000");
        ConcurrentLinkedQueue<Double> lat = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicInteger seq = new AtomicInteger();
        // Each load sends notebooks no earlier load sent: a notebook already on disk is not written
        // again, so repeating the closed loop's notebooks made the paced run skip its file writes.
        int run = RUNS.incrementAndGet() % 100;
        long maxRequests = 500_000; // bound in count as well as in time
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                byte[] body = template.clone();
                long next = start + (periodMs == 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(periodMs * client / clients));
                while (System.nanoTime() < end && seq.get() < maxRequests) {
                    if (periodMs > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        next += TimeUnit.MILLISECONDS.toNanos(periodMs);
                        if (System.nanoTime() >= end) {
                            return;
                        }
                    }
                    byte[] nonce = String.format("NONCE-%02d%010d", run, seq.incrementAndGet())
                            .getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(nonce, 0, body, at, nonce.length);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(
                                HttpRequest.newBuilder(target)
                                        .header("Authorization", "token " + BenchService.TOKEN)
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(30))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 202) {
                            lat.add((System.nanoTime() - t0) / 1e6);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(seconds + 120L, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        httpThreads.shutdownNow();
        IntakeLoad load = new IntakeLoad();
        load.seconds = (System.nanoTime() - start) / 1e9;
        load.latencies.addAll(lat);
        Collections.sort(load.latencies);
        load.ok = load.latencies.size();
        load.errors = errors.get();
        Report.log(
                "  %s: %d ok, %d errors, p50 %.1f ms, p99 %.1f ms",
                target, load.ok, load.errors, load.p(50), load.p(99));
        return load;
    }
}
