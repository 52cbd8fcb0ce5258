package org.gofer.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real service, {@code java -jar target/gofer.jar serve}, as a child process on a free
 * loopback port, for tests that crash and restart it. Its output goes to a log file.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    public ServiceProcess(Map<String, String> env, Path log) throws IOException {
        this.port = freePort();
        this.env = new HashMap<>(env);
        this.env.put("GOFER_BIND", "127.0.0.1:" + port);
        this.log = log;
    }

    /**
     * The settings of a service under test: the project's notebooks-tests, a gradebook and data
     * directory in {@code dir}, two grading workers, the given dev users, and a deployment label of
     * its own (returned mutable, so a test adds what it varies).
     */
    public static Map<String, String> localEnv(Path dir, String deploymentPrefix, String devUsers) {
        Map<String, String> env = new HashMap<>();
        env.put("GOFER_TESTS_DIR", Path.of("notebooks-tests").toAbsolutePath().toString());
        env.put("GOFER_DB", dir.resolve("gradebook.db").toString());
        env.put("GOFER_DATA_DIR", dir.resolve("data").toString());
        env.put("GOFER_DEV_USERS", devUsers);
        env.put("GOFER_WORKERS", "2");
        env.put(
                "GOFER_DEPLOYMENT",
                deploymentPrefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        return env;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + env.getOrDefault("GOFER_PREFIX", "/"));
    }

    /** Starts the service and waits (bounded) until its health check answers 200. */
    public void start() throws IOException, InterruptedException {
        start(false);
    }

    /** Starts the service and waits until it answers at all (health may say 503: Docker or image missing). */
    public void startAllowingUnhealthy() throws IOException, InterruptedException {
        start(true);
    }

    private void start(boolean anyAnswer) throws IOException, InterruptedException {
        Path jar = Path.of("target/gofer.jar").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("GOFER_") || k.startsWith("JUPYTERHUB_"));
        pb.environment().putAll(env);
        process = pb.start();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(base().resolve("health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || (anyAnswer && r.statusCode() == 503)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not become healthy within 60 s; see " + log);
    }

    /** SIGKILL: no shutdown hook runs, exactly like a crash. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
