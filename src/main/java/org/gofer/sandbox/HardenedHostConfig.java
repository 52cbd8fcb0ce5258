package org.gofer.sandbox;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import java.util.List;
import java.util.Map;

/**
 * The {@link HostConfig} of every grading container, from the job's limits: no network, memory with
 * swap equal to it, CPU quota, pids limit, all capabilities dropped, no-new-privileges, read-only
 * root with two size- and inode-capped tmpfs, file-size and open-file ulimits, a capped json log,
 * and no init process (the harness supervisor must be PID 1, see the harness README). Stateless.
 */
public final class HardenedHostConfig {
    static final String GOFER_USER = "1000:1000";
    public static final String HOME = "/home/gofer";
    private static final long MIB = 1024L * 1024L;
    private static final long MIN_TMPFS_MB = 16;

    private HardenedHostConfig() {}

    public static HostConfig forLimits(SandboxLimits limits) {
        long memoryBytes = limits.memoryMb() * MIB;
        return HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withMemory(memoryBytes)
                .withMemorySwap(memoryBytes)
                .withNanoCPUs(Math.round(limits.cpus() * 1_000_000_000L))
                .withPidsLimit(limits.pids())
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPrivileged(false)
                .withReadonlyRootfs(true)
                .withTmpFs(tmpfs(limits))
                .withUlimits(List.of(
                        new Ulimit("nofile", 1024L, 1024L),
                        new Ulimit("fsize", homeMb(limits) * MIB, homeMb(limits) * MIB)))
                .withInit(false)
                .withAutoRemove(false) // we inspect the exit state first, then remove in finally
                .withLogConfig(
                        new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "1m", "max-file", "1")));
    }

    /** The working directory (the notebook, its files, the student's writes) gets three quarters. */
    public static long homeMb(SandboxLimits limits) {
        return Math.max(MIN_TMPFS_MB, limits.tmpfsMb() * 3 / 4);
    }

    public static long tmpMb(SandboxLimits limits) {
        return Math.max(MIN_TMPFS_MB, limits.tmpfsMb() / 4);
    }

    private static Map<String, String> tmpfs(SandboxLimits limits) {
        return Map.of(
                "/tmp",
                "rw,nosuid,nodev,size=" + tmpMb(limits) + "m,nr_inodes=4096,mode=1777",
                HOME,
                "rw,nosuid,nodev,size=" + homeMb(limits) + "m,nr_inodes=16384,uid=1000,gid=1000,mode=0700");
    }
}
