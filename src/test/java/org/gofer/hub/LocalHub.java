package org.gofer.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real JupyterHub of a {@link HubStack} (Debian's 3.0 or JupyterHub 5 from the venv) started
 * from {@code src/main/hub/demo_jupyterhub_config.py} in a temporary directory, on free loopback
 * ports, with a copy of {@code target/gofer.jar} as its managed service (own database, data
 * directory and deployment label) and the Submit button installed for its notebook servers.
 * Users: {@link #INSTRUCTOR}, {@link #STUDENTS}, one password. Gofer
 * reads the assignments from {@link #TESTS_DIR} unless {@code extraEnv} names another
 * {@code GOFER_TESTS_DIR} (see {@link #copyTests}).
 *
 * <p>The hub starts its proxy, Gofer and the notebook servers in new sessions, so they outlive a
 * killed hub: {@link #close()} records the hub's descendants first and then stops exactly those
 * PIDs. Not thread-safe; one per test class.
 */
final class LocalHub implements AutoCloseable {
    static final String INSTRUCTOR = "instructor";
    static final List<String> STUDENTS = List.of("student1", "student2");
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path JAR = ROOT.resolve("target/gofer.jar");
    static final Path TESTS_DIR = ROOT.resolve("src/test/resources/hub/notebooks-tests");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(25);

    final HubStack stack;
    final Path dir;
    final String password = UUID.randomUUID().toString().substring(0, 12);
    /** Gofer's {@code gofer.deployment} label: its containers, among those of every other Gofer on the machine. */
    final String deployment = "hub-it-" + UUID.randomUUID().toString().substring(0, 8);

    final int port;
    final URI base;
    private final Process hub;
    private final Set<ProcessHandle> children = new HashSet<>();
    private final Path jar;

    private LocalHub(HubStack stack, Path dir, Map<String, String> extraEnv) throws IOException {
        this.stack = stack;
        this.dir = dir;
        this.port = freePort();
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        Path nbData = dir.resolve("jupyter-data/nbextensions/gofer_submit");
        copyTree(ROOT.resolve("src/main/nbextension/gofer_submit"), nbData);
        Path nbConfig = Files.createDirectories(dir.resolve("jupyter-config/nbconfig"));
        Files.writeString(nbConfig.resolve("notebook.json"), "{\"load_extensions\": {\"gofer_submit/main\": true}}");
        // JupyterLab 4 / Notebook 7: no "Jupyter news?" toast over the Submit panel.
        Files.writeString(
                Files.createDirectories(dir.resolve("jupyter-config/labconfig")).resolve("page_config.json"),
                "{\"disabledExtensions\": {\"@jupyterlab/apputils-extension:announcements\": true}}");
        for (String student : STUDENTS) {
            Path home = Files.createDirectories(dir.resolve("home").resolve(student));
            Files.copy(TESTS_DIR.resolve("hubdemo/s1/basics/basics.ipynb"), home.resolve("basics.ipynb"));
        }
        // The service runs from its own copy, which takeGoferDown() can remove.
        this.jar = Files.copy(JAR, dir.resolve("gofer.jar"), StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder pb = new ProcessBuilder(
                        stack.jupyterhub().toString(),
                        "-f",
                        ROOT.resolve("src/main/hub/demo_jupyterhub_config.py").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("hub.log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet()
                .removeIf(k -> k.toLowerCase().endsWith("_proxy") || k.startsWith("GOFER_") || k.startsWith("JUPYTER"));
        env.put(
                "PATH",
                (stack == HubStack.DEBIAN_3 ? "" : stack.prefix.resolve("bin") + ":")
                        + "/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("GOFER_PROXY_CMD", stack.proxy.toString());
        env.put("NODE_PATH", "/usr/share/nodejs");
        env.put("GOFER_HUB_STATE", dir.toString());
        env.put("GOFER_HUB_PORT", Integer.toString(port));
        env.put("GOFER_HUB_API_PORT", Integer.toString(freePort()));
        env.put("GOFER_PROXY_API_PORT", Integer.toString(freePort()));
        env.put("GOFER_HUB_PASSWORD", password);
        env.put("GOFER_SERVICE_URL", "http://127.0.0.1:" + freePort());
        env.put(
                "GOFER_SERVICE_TOKEN",
                UUID.randomUUID().toString().replace("-", "")
                        + UUID.randomUUID().toString().replace("-", ""));
        env.put("GOFER_JAR", jar.toString());
        env.put(
                "GOFER_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("GOFER_INSTRUCTORS", INSTRUCTOR);
        env.put("GOFER_STUDENTS", String.join(",", STUDENTS));
        env.put("GOFER_NB_DATA_DIR", dir.resolve("jupyter-data").toString());
        env.put("GOFER_NB_CONFIG_DIR", dir.resolve("jupyter-config").toString());
        env.put("GOFER_DB", dir.resolve("gradebook.db").toString());
        env.put("GOFER_DATA_DIR", dir.resolve("gofer-data").toString());
        env.put("GOFER_TESTS_DIR", TESTS_DIR.toString());
        env.put("GOFER_DEPLOYMENT", deployment);
        env.put("GOFER_WORKERS", "1");
        // "{hub}" in a value is the hub's own URL (no trailing slash), known only once the port is picked
        extraEnv.forEach((k, v) -> env.put(k, v.replace("{hub}", "http://127.0.0.1:" + port)));
        this.hub = pb.start();
    }

    /** Starts the hub and waits (bounded) until Gofer answers its health check through the proxy. */
    static LocalHub start(HubStack stack, Path dir, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        LocalHub h = new LocalHub(stack, Files.createDirectories(dir), extraEnv);
        try {
            h.awaitGofer();
            return h;
        } catch (RuntimeException | InterruptedException e) {
            h.close();
            throw e;
        }
    }

    /**
     * Signs {@code user} in through this hub's login form, starting at Gofer's pages, and waits until
     * the browser is back on them with the user shown in the header.
     */
    void signInToGoferPages(HeadlessChromium browser, String user, Duration timeout) throws InterruptedException {
        String pages = "/services/gofer/pages/";
        browser.open(url(pages));
        browser.type(browser.await("#username_input", timeout), user);
        org.assertj.core.api.Assertions.assertThat(browser.currentUrl()).contains("/hub/login");
        browser.type(browser.await("#password_input", timeout), password);
        browser.click(browser.await("#login_submit", timeout));
        browser.awaitPage(
                timeout,
                "back on Gofer's pages",
                b -> b.currentUrl().contains(pages) && b.find("header .who").isPresent());
        org.assertj.core.api.Assertions.assertThat(browser.text(browser.await("header .who", timeout)))
                .contains(user);
    }

    URI url(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    String log() {
        try {
            return Files.readString(dir.resolve("hub.log"));
        } catch (IOException e) {
            return "(no hub.log: " + e.getMessage() + ")";
        }
    }

    private void awaitGofer() throws InterruptedException {
        int last = awaitHealth(code -> code == 200, START_TIMEOUT);
        if (last != 200) {
            throw new IllegalStateException("Gofer did not answer 200 at " + base + " within " + START_TIMEOUT
                    + " (last status " + last + "):\n" + tail());
        }
    }

    /**
     * Takes the service down as a crash that keeps happening would: removes its jar and stops its
     * process. The hub restarts it (its poll runs every 30 s) and the restart fails, so the proxy
     * answers 503 for {@code /services/gofer/} until {@link #bringGoferBack()}.
     */
    void takeGoferDown() throws IOException, InterruptedException {
        Files.delete(jar);
        List<ProcessHandle> gofer = hub.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(jar.toString()))
                .toList();
        if (gofer.isEmpty()) {
            throw new IllegalStateException("no Gofer process among the hub's descendants");
        }
        gofer.forEach(ProcessHandle::destroy);
        waitFor(gofer);
        int last = awaitHealth(code -> code >= 500, Duration.ofSeconds(30));
        if (last < 500) {
            throw new IllegalStateException("Gofer still answers " + last + " after its process stopped");
        }
    }

    /** Puts the jar back and waits (bounded) until the hub has restarted Gofer. */
    void bringGoferBack() throws IOException, InterruptedException {
        Files.copy(JAR, jar, StandardCopyOption.REPLACE_EXISTING);
        awaitGofer();
    }

    /** Polls Gofer's health through the proxy until {@code done} holds; returns the last status (-1: no answer). */
    private int awaitHealth(java.util.function.IntPredicate done, Duration timeout) throws InterruptedException {
        // HTTP/1.1: an h2c upgrade header makes the Node proxy treat the request as a WebSocket upgrade.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            if (!hub.isAlive()) {
                throw new IllegalStateException("JupyterHub exited with " + hub.exitValue() + ":\n" + tail());
            }
            recordChildren();
            try {
                last = client.send(
                                HttpRequest.newBuilder(url("/services/gofer/health"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (done.test(last)) {
                    recordChildren();
                    return last;
                }
            } catch (IOException e) {
                last = -1;
            }
            Thread.sleep(500);
        }
        return last;
    }

    String tail() {
        String log = log();
        return log.substring(Math.max(0, log.length() - 4000));
    }

    private void recordChildren() {
        if (hub.isAlive()) {
            hub.descendants().forEach(children::add);
        }
    }

    @Override
    public void close() {
        recordChildren();
        hub.destroy(); // SIGTERM: the hub stops Gofer, the proxy and the notebook servers itself
        waitFor(Stream.of(hub.toHandle()).toList());
        if (hub.isAlive()) {
            hub.destroyForcibly();
        }
        List<ProcessHandle> left =
                new ArrayList<>(children.stream().filter(ProcessHandle::isAlive).toList());
        left.forEach(ProcessHandle::destroy);
        waitFor(left);
        left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void waitFor(List<ProcessHandle> processes) {
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (processes.stream().anyMatch(ProcessHandle::isAlive)
                && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@link #TESTS_DIR} to {@code to}: a tests directory a test may edit, passed as {@code GOFER_TESTS_DIR}. */
    static Path copyTests(Path to) throws IOException {
        copyTree(TESTS_DIR, to);
        return to;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
