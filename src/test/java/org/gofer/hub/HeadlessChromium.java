package org.gofer.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's headless Chromium driven through chromedriver with the W3C WebDriver protocol, spoken
 * directly over {@link HttpClient} (a handful of commands; no Selenium). Fresh profile per
 * instance, no proxy, no background traffic. {@link #close()} ends the session and stops the
 * driver it started. Not thread-safe.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-proxy-server",
            "--disable-dev-shm-usage",
            "--window-size=1280,900");

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI driverUrl;
    private String session;

    HeadlessChromium(Path dir) throws IOException, InterruptedException {
        int port = LocalHub.freePort();
        driverUrl = URI.create("http://127.0.0.1:" + port + "/");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromedriver.log").toFile());
        pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        driver = pb.start();
        try {
            awaitDriver();
            JsonNode created = call(
                    "POST",
                    "session",
                    Map.of(
                            "capabilities",
                            Map.of(
                                    "alwaysMatch",
                                    Map.of(
                                            "browserName",
                                            "chrome",
                                            "goog:chromeOptions",
                                            Map.of(
                                                    "binary",
                                                    "/usr/bin/chromium",
                                                    "args",
                                                    concat(
                                                            FLAGS,
                                                            "--user-data-dir="
                                                                    + Files.createDirectories(
                                                                            dir.resolve("profile"))))))));
            session = created.get("sessionId").asText();
            call("POST", "timeouts", Map.of("implicit", 0, "pageLoad", 60_000, "script", 30_000));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    void open(URI url) {
        call("POST", "url", Map.of("url", url.toString()));
    }

    String currentUrl() {
        return call("GET", "url", null).asText();
    }

    Optional<String> find(String css) {
        JsonNode r = callLenient("POST", "elements", Map.of("using", "css selector", "value", css));
        if (r == null || r.size() == 0) {
            return Optional.empty();
        }
        JsonNode ref = r.get(0).get(ELEMENT);
        if (ref == null) {
            throw new IllegalStateException("WebDriver element reference without " + ELEMENT + ": " + r);
        }
        return Optional.of(ref.asText());
    }

    String await(String css, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> e = find(css);
            if (e.isPresent()) {
                return e.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no element " + css + " within " + timeout + " at " + currentUrl());
    }

    void type(String element, String text) {
        call("POST", "element/" + element + "/value", Map.of("text", text));
    }

    void click(String element) {
        call("POST", "element/" + element + "/click", Map.of());
    }

    String text(String element) {
        return call("GET", "element/" + element + "/text", null).asText();
    }

    JsonNode script(String js, Object... args) {
        return call("POST", "execute/sync", Map.of("script", js, "args", List.of(args)));
    }

    /** The page's visible text (empty while there is no body). */
    String pageText() {
        return script("return document.body ? document.body.innerText : '';").asText();
    }

    /**
     * Waits until {@code done} holds for this browser (an exception from it counts as "not yet"),
     * else fails naming {@code what}, the URL and the page's text.
     */
    void awaitPage(Duration timeout, String what, java.util.function.Predicate<HeadlessChromium> done)
            throws InterruptedException {
        awaitPage(timeout, what, done, b -> "");
    }

    /** As {@link #awaitPage(Duration, String, java.util.function.Predicate)}, with more to tell on failure. */
    void awaitPage(
            Duration timeout,
            String what,
            java.util.function.Predicate<HeadlessChromium> done,
            java.util.function.Function<HeadlessChromium, String> detail)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (done.test(this)) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(300);
        }
        AssertionError error = new AssertionError(
                "waited " + timeout + " for " + what + " at " + currentUrl() + ":\n" + pageText() + detail.apply(this));
        if (last != null) {
            error.addSuppressed(last);
        }
        throw error;
    }

    void screenshot(Path png) throws IOException {
        Files.createDirectories(png.getParent());
        Files.write(
                png, Base64.getDecoder().decode(call("GET", "screenshot", null).asText()));
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                callLenient("DELETE", "", null);
            }
        } finally {
            // Chromium's processes are the driver's descendants: note them before the driver goes.
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
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(driverUrl.resolve("status"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200
                        && HubHttp.read(r.body()).path("value").path("ready").asBoolean()) {
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
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "WebDriver " + method + " " + command + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return HubHttp.read(r.body()).get("value");
    }

    private JsonNode callLenient(String method, String command, Object body) {
        HttpResponse<String> r = send(method, command, body);
        return r.statusCode() == 200 ? HubHttp.read(r.body()).get("value") : null;
    }

    private HttpResponse<String> send(String method, String command, Object body) {
        String path =
                command.equals("session") ? "session" : "session/" + session + (command.isEmpty() ? "" : "/" + command);
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(HubHttp.write(body));
        try {
            return http.send(
                    HttpRequest.newBuilder(driverUrl.resolve(path))
                            .timeout(Duration.ofSeconds(90))
                            .header("Content-Type", "application/json")
                            .method(method, publisher)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(List<String> list, String more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more))
                .toList();
    }
}
