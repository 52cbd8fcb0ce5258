package org.gofer.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real JupyterHub (Debian's 3.0) with Gofer as its managed service, for the benchmarks of
 * {@code org.gofer.bench}: what {@link LocalHub} starts for the hub tests, opened to that package.
 * Students submit through the hub's proxy with tokens the hub minted for them, as the Submit button
 * does. Uses nothing of JUnit or AssertJ.
 */
public final class BenchHub implements AutoCloseable {
    private final LocalHub hub;
    private final HubHttp http;

    private BenchHub(LocalHub hub) {
        this.hub = hub;
        this.http = new HubHttp(hub);
    }

    /**
     * Starts the hub in {@code dir} and waits (bounded) until Gofer answers through the proxy.
     *
     * @param goferEnv the service's GOFER_ variables over the hub tests' (e.g. GOFER_TESTS_DIR, GOFER_WORKERS)
     * @throws IllegalStateException when Debian's JupyterHub is not installed
     */
    public static BenchHub start(Path dir, Map<String, String> goferEnv) throws IOException, InterruptedException {
        HubStack.DEBIAN_3.unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        return new BenchHub(LocalHub.start(HubStack.DEBIAN_3, dir, goferEnv));
    }

    /** Why the hub benchmark cannot run here, if it cannot. */
    public static java.util.Optional<String> unavailable() {
        return HubStack.DEBIAN_3.unavailable();
    }

    /** The hub's students, each of whom may submit. */
    public static List<String> students() {
        return LocalHub.STUDENTS;
    }

    /** The hub's instructor. */
    public static String instructor() {
        return LocalHub.INSTRUCTOR;
    }

    /** A URL on the hub's public proxy, e.g. {@code /services/gofer/submit}. */
    public URI url(String path) {
        return hub.url(path);
    }

    /** A new API token for {@code user}, minted by the hub with the user's password. */
    public String token(String user) {
        return http.mintToken(user, hub.password).path("token").asText();
    }

    /** The service's gradebook. */
    public Path gradebook() {
        return hub.dir.resolve("gradebook.db");
    }

    /** The {@code gofer.deployment} label of the service's containers. */
    public String deployment() {
        return hub.deployment;
    }

    @Override
    public void close() {
        hub.close();
    }
}
