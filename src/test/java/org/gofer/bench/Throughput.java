package org.gofer.bench;

import org.gofer.bench.CpuMeter.CpuUse;

/** {@code n} notebooks graded in {@code seconds}, and the machine's CPU use meanwhile. */
record Throughput(int n, double seconds, CpuUse cpu) {
    static final Throughput NONE = new Throughput(0, 0, CpuUse.NONE);

    double perMinute() {
        return n / seconds * 60;
    }

    /** CPU-seconds the whole machine worked per notebook (the service, Docker, the hub, the containers). */
    double cpuPerNotebook() {
        return cpu.busySeconds() / n;
    }

    Throughput plus(Throughput other) {
        return new Throughput(n + other.n, seconds + other.seconds, cpu.plus(other.cpu));
    }

    /** The wall clock and the machine's CPU from {@link #start()} until the run's notebooks are graded. */
    static final class Meter {
        private final long startedAt = System.nanoTime();
        private final CpuMeter cpu = CpuMeter.start();

        private Meter() {}

        static Meter start() {
            return new Meter();
        }

        Throughput stop(int n) {
            return new Throughput(n, (System.nanoTime() - startedAt) / 1e9, cpu.stop());
        }
    }
}
