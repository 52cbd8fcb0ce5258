package org.gofer.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's headless Chromium through chromedriver, spoken to with the W3C WebDriver protocol over
 * {@link HttpClient}: the few commands the page tests need. Fresh profile, no background traffic.
 * {@link #close()} ends the session and stops exactly the driver and browser processes it started.
 */
final class Chromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52a-4f46e8a0f4e2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private String session;

    static boolean available() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    Chromium(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = URI.create("http://127.0.0.1:" + port + "/");
        ProcessBuilder pb = new ProcessBuilder(DRIVER.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromedriver.log").toFile());
        pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        driver = pb.start();
        try {
            awaitDriver();
            List<String> args = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--no-proxy-server", "--disable-dev-shm-usage", "--window-size=1280,1000"));
            args.add("--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
            JsonNode created = call("POST", "session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                    "browserName", "chrome", "goog:chromeOptions", Map.of("binary", BROWSER.toString(), "args", args)))));
            session = created.get("sessionId").asText();
            call("POST", "timeouts", Map.of("implicit", 0, "pageLoad", 30_000, "script", 20_000));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    void open(String url) {
        call("POST", "url", Map.of("url", url));
    }

    String url() {
        return call("GET", "url", null).asText();
    }

    String pageText() {
        return script("return document.body ? document.body.innerText : '';").asText();
    }

    Optional<String> find(String css) {
        JsonNode r = call("POST", "elements", Map.of("using", "css selector", "value", css));
        return r.isArray() && r.size() > 0 ? Optional.of(elementId(r.get(0))) : Optional.empty();
    }

    /** The W3C key, or the legacy one some driver versions still answer with. */
    private static String elementId(JsonNode reference) {
        JsonNode id = reference.has(ELEMENT) ? reference.get(ELEMENT) : reference.elements().next();
        return id.asText();
    }

    /** Waits (bounded) for an element; fails with the page's URL and text. */
    String await(String css, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> e;
            try {
                e = find(css);
            } catch (IllegalStateException navigating) {
                e = Optional.empty();
            }
            if (e.isPresent()) {
                return e.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + css + " within " + timeout + " at " + url() + ":\n" + pageText());
    }

    void type(String element, String text) {
        call("POST", "element/" + element + "/value", Map.of("text", text));
    }

    void click(String element) {
        call("POST", "element/" + element + "/click", Map.of());
    }

    String attribute(String element, String name) {
        return call("GET", "element/" + element + "/attribute/" + name, null).asText();
    }

    JsonNode script(String js, Object... args) {
        return call("POST", "execute/sync", Map.of("script", js, "args", List.of(args)));
    }

    void screenshot(Path png) throws IOException {
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(call("GET", "screenshot", null).asText()));
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                send("DELETE", "", null);
            }
        } catch (RuntimeException ignored) {
            // the processes are stopped below in any case
        } finally {
            List<ProcessHandle> browser = driver.descendants().toList();
            driver.destroy();
            try {
                if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            browser.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void awaitDriver() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("status"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && JSON.readTree(r.body()).path("value").path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("chromedriver did not become ready within 20 s");
    }

    private JsonNode call(String method, String command, Object body) {
        HttpResponse<String> r = send(method, command, body);
        try {
            JsonNode value = JSON.readTree(r.body()).get("value");
            if (r.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + command + ": " + r.statusCode() + " " + value);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, String command, Object body) {
        String path = command.equals("session") ? "session" : "session/" + session + (command.isEmpty() ? "" : "/" + command);
        try {
            HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").method(method, p).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
