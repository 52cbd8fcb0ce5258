package org.gofer.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HTTP to the hub's proxy as one client would: its own cookie jar, redirects not followed (so a
 * test sees each step of the OAuth flow), no proxy from the environment. Not thread-safe.
 */
final class HubHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    private final LocalHub hub;
    private final HttpClient client;

    HubHttp(LocalHub hub) {
        this.hub = hub;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: the Node proxy would take it for a WebSocket
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    HttpRequest.Builder request(String pathOrUrl) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : hub.url(pathOrUrl);
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder r = request(path).header("Accept", "application/json");
        if (token != null) {
            r.header("Authorization", "token " + token);
        }
        return send(r);
    }

    HttpResponse<String> postJson(String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder r = request(path)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        if (token != null) {
            r.header("Authorization", "token " + token);
        }
        headers.forEach(r::header);
        return send(r);
    }

    HttpResponse<String> postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A new API token for {@code user}, minted with the user's password (reference §6). */
    JsonNode mintToken(String user, String password) {
        HttpResponse<String> r = postJson(
                "/hub/api/users/" + user + "/tokens",
                null,
                Map.of(
                        "auth",
                        Map.of("username", user, "password", password),
                        "note",
                        "gofer hub IT",
                        "expires_in",
                        3600),
                Map.of());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(
                    "minting a token for " + user + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return read(r.body());
    }

    /** The hidden {@code _xsrf} field of an HTML form, if the page has one. */
    static java.util.Optional<String> formXsrf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<input[^>]*name=\"_xsrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(html);
        return m.find()
                ? java.util.Optional.of(m.group(1).replace("&amp;", "&").replace("&#124;", "|"))
                : java.util.Optional.empty();
    }

    static String location(HttpResponse<?> r) {
        return r.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in HTTP " + r.statusCode() + " from " + r.uri()));
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
