package org.gofer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time between {@link #start()} and {@link #stop()}, from the first line of
 * {@code /proc/stat}: the time spent working (user, nice, system, irq, softirq) and the time the
 * hypervisor gave to other guests (steal). Work per notebook does not shrink or grow when a noisy
 * neighbour takes the cores for a while, so it backs up the rates measured on a shared machine.
 */
final class CpuMeter {
    /** /proc/stat counts in USER_HZ, which Linux exports as 100 per second on every architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long[] start;

    private CpuMeter(long[] start) {
        this.start = start;
    }

    static CpuMeter start() {
        return new CpuMeter(read());
    }

    /** What was used since {@link #start()}; NaN figures where /proc/stat cannot be read. */
    CpuUse stop() {
        long[] end = read();
        if (start == null || end == null) {
            return CpuUse.UNKNOWN;
        }
        long[] d = new long[end.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = end[i] - start[i];
        }
        // user nice system idle iowait irq softirq steal
        long busy = d[0] + d[1] + d[2] + d[5] + d[6];
        long all = busy + d[3] + d[4] + d[7];
        return new CpuUse(busy / TICKS_PER_SECOND, d[7] / TICKS_PER_SECOND, all / TICKS_PER_SECOND);
    }

    private static long[] read() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] ticks = new long[8];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = Long.parseLong(f[i + 1]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU-seconds summed over the cores: worked, taken by the hypervisor, and all that passed. */
    record CpuUse(double busySeconds, double stealSeconds, double allSeconds) {
        static final CpuUse UNKNOWN = new CpuUse(Double.NaN, Double.NaN, Double.NaN);
        static final CpuUse NONE = new CpuUse(0, 0, 0);

        /** The share of the cores' time the hypervisor gave to other guests. */
        double stealShare() {
            return allSeconds > 0 ? stealSeconds / allSeconds : Double.NaN;
        }

        CpuUse plus(CpuUse other) {
            return new CpuUse(
                    busySeconds + other.busySeconds, stealSeconds + other.stealSeconds, allSeconds + other.allSeconds);
        }
    }
}
