package org.gofer.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks the Docker Engine, through the docker CLI, which labelled containers exist. */
public final class DockerCli {
    private DockerCli() {}

    public static List<String> containersWithLabel(String label) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=" + label)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("docker ps failed: " + out);
        }
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
