package org.gofer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gofer.testsupport.DockerCli;

/** The few commands the benchmarks run: docker's, each bounded in time. */
final class Commands {
    private Commands() {}

    /** Runs {@code cmd}; returns its output (stdout and stderr), or throws when it outlives {@code seconds}. */
    static String run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd + " timed out");
        }
        return out;
    }

    /** Removes the containers carrying {@code label} (a run's own deployment label only). */
    static void removeContainers(String label) throws IOException, InterruptedException {
        List<String> ids = DockerCli.containersWithLabel(label);
        if (!ids.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("docker", "rm", "-f"));
            cmd.addAll(ids);
            run(cmd, 120);
        }
    }
}
