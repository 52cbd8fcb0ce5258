package org.gofer.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the Docker Engine the way {@code ./gofer setup} started it (dockerd without a default
 * bridge, in the background), for fault tests. Only the daemon whose pid file we read is signalled.
 */
public final class DockerDaemon {
    private static final Path PID_FILE = Path.of("/var/run/docker.pid");

    private DockerDaemon() {}

    /** True when this process may restart the daemon: root, and a dockerd pid file we can read. */
    public static boolean restartable() {
        return "root".equals(System.getProperty("user.name")) && Files.isReadable(PID_FILE);
    }

    public static void restart(Path log) throws Exception {
        long pid = Long.parseLong(
                Files.readString(PID_FILE, StandardCharsets.US_ASCII).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no dockerd " + pid));
        daemon.destroy(); // SIGTERM: dockerd stops its containers and exits
        daemon.onExit().get(60, TimeUnit.SECONDS);
        // In a session of its own: the daemon must outlive this test JVM and whatever process group
        // ran the build (a tool that ends the group when its command ends would take Docker with it).
        new ProcessBuilder("setsid", "dockerd", "--bridge=none", "--iptables=false", "--ip6tables=false")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitAnswer(Duration.ofSeconds(60));
    }

    private static void awaitAnswer(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = new ProcessBuilder("docker", "info")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("dockerd did not answer within " + limit);
    }
}
