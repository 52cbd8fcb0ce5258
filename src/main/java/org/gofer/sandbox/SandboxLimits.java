package org.gofer.sandbox;

import java.time.Duration;

/**
 * Resource limits of one grading container. Defaults are safe for a course notebook: 1 GiB
 * (swap = memory), one CPU, 256 processes, 5 minutes in all, 30 s per cell, 1 MB of output.
 *
 * @param memoryMb memory limit; swap is set equal so nothing spills to disk
 * @param cpus CPU quota in cores
 * @param pids process and thread limit (stops fork bombs)
 * @param timeout wall clock for the whole container, after which it is killed
 * @param tmpfsMb writable scratch space (working directory and /tmp)
 * @param cellTimeoutSeconds per-cell limit enforced by the harness
 * @param outputBytes stdout+stderr kept from the notebook; the rest is dropped and counted
 */
public record SandboxLimits(
        long memoryMb,
        double cpus,
        long pids,
        Duration timeout,
        long tmpfsMb,
        long cellTimeoutSeconds,
        long outputBytes) {

    public static SandboxLimits defaults() {
        return new SandboxLimits(1024, 1.0, 256, Duration.ofMinutes(5), 256, 30, 1_000_000);
    }

    /** The service's default limits: the container settings from config, the harness's from {@link #defaults}. */
    public static SandboxLimits forContainer(org.gofer.config.AppConfig.Sandbox config) {
        SandboxLimits base = defaults();
        return new SandboxLimits(
                config.memoryMb(),
                config.cpus(),
                config.pids(),
                config.timeout(),
                config.tmpfsMb(),
                base.cellTimeoutSeconds(),
                base.outputBytes());
    }

    /**
     * True when a container created for {@code other} is the same container as one created for these
     * limits: the host-config settings match. The wall clock, the per-cell limit and the output cap
     * are enforced per job (by the service and the harness), so they may differ.
     */
    public boolean sameContainerAs(SandboxLimits other) {
        return memoryMb == other.memoryMb
                && Double.compare(cpus, other.cpus) == 0
                && pids == other.pids
                && tmpfsMb == other.tmpfsMb;
    }
}
