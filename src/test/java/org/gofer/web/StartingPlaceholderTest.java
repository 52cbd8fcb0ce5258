package org.gofer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.gofer.config.AppConfig;
import org.junit.jupiter.api.Test;

class StartingPlaceholderTest {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    @Test
    void theServiceRootSaysStartingAndEverythingElseIsRefusedUntilClosed() throws Exception {
        int port = freePort();
        AppConfig.Web web = new AppConfig.Web("127.0.0.1", port, "/services/gofer/");
        URI base = URI.create("http://127.0.0.1:" + port);
        try (StartingPlaceholder placeholder = StartingPlaceholder.listen(web).orElseThrow()) {
            // JupyterHub's probe of a managed service: any answer below 500 counts as up.
            HttpResponse<String> root = http.send(
                    HttpRequest.newBuilder(base.resolve("/services/gofer/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.body()).contains("Gofer is starting");

            HttpResponse<String> submit = http.send(
                    HttpRequest.newBuilder(base.resolve("/services/gofer/submit"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"nbformat\": 4}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(submit.statusCode()).isEqualTo(503);
            assertThat(submit.headers().firstValue("Retry-After")).contains("5");
            assertThat(submit.body()).contains("nothing was received");

            HttpResponse<String> status = http.send(
                    HttpRequest.newBuilder(base.resolve("/services/gofer/api/submissions/1"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(503);
        }
        // Closed: the real service can bind the same port at once.
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void portZeroHasNoPlaceholder() {
        assertThat(StartingPlaceholder.listen(new AppConfig.Web("127.0.0.1", 0, "/")))
                .isEmpty();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
