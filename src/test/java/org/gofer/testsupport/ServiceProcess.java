package org.gofer.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service, {@code java -jar target/gofer.jar serve}, as a child process on a free
 * loopback port, for tests that crash and restart it and for the benchmarks (bench/). Its output
 * goes to a log file; its settings are the {@code GOFER_*} variables of {@code env} (workers, warm
 * containers, deployment label, image...), nothing of this process's environment.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private List<String> jvmOptions = List.of("-Xmx512m");
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

    /**
     * The JVM options the service starts with instead of the default {@code -Xmx512m} (the benchmarks
     * pass none: they measure the service as {@code java -jar target/gofer.jar serve} runs it). Call
     * before {@link #start()}.
     */
    public ServiceProcess jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + env.getOrDefault("GOFER_PREFIX", "/"));
    }

    /** Starts the service and waits (bounded) until its health check answers 200. */
    public void start() throws IOException, InterruptedException {
        start(false);
    }

    /**
     * Starts the service and waits until the service itself answers (its health may say 503: Docker or
     * image missing), not the placeholder that holds its port while it starts.
     */
    public void startAllowingUnhealthy() throws IOException, InterruptedException {
        start(true);
    }

    private void start(boolean anyAnswer) throws IOException, InterruptedException {
        Path jar = Path.of("target/gofer.jar").toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "serve"));
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
                // While it assembles, the service's port answers with a placeholder (503, "starting"):
                // only the real service's answer counts.
                boolean starting = r.body().contains("\"error\":\"starting\"");
                if (r.statusCode() == 200 || (anyAnswer && r.statusCode() == 503 && !starting)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not become healthy within 60 s; see " + log);
    }

    /** Resident memory of the running service now ({@code VmRSS}), in MiB. */
    public double rssMb() throws IOException {
        return statusKb("VmRSS") / 1024.0;
    }

    /** The service's peak resident memory so far ({@code VmHWM}), in MiB. */
    public double peakRssMb() throws IOException {
        return statusKb("VmHWM") / 1024.0;
    }

    private long statusKb(String key) throws IOException {
        if (process == null) {
            throw new IllegalStateException("the service is not started");
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/" + process.pid() + "/status");
    }

    /**
     * SIGTERM (the service stops its workers and its warm pool), waiting up to {@code grace} for it to
     * exit before a SIGKILL.
     */
    public void stop(Duration grace) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
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
        stop(Duration.ofSeconds(20));
    }
}
