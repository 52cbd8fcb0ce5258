package org.gofer.hubauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gofer.Json;
import org.gofer.config.AppConfig;

/**
 * Talks to the JupyterHub API the way HubAuth/HubOAuth (JupyterHub 3.0) do: {@code GET {api}/user}
 * with the user's own token, and the OAuth code exchange with the service's token as client
 * secret. No proxy (the hub API is local), bounded timeouts, never a token in a message.
 * Thread-safe.
 */
public final class JupyterHubClient implements HubAuthenticator {
    /** Hub tokens are 32-64 printable characters; anything odd is refused before it reaches a header. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,512}");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final AppConfig.Hub hub;
    private final URI apiUrl;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    public JupyterHubClient(AppConfig.Hub hub) {
        this.hub = hub;
        this.apiUrl = hub.apiUrl().orElseThrow(() -> new IllegalArgumentException("no JUPYTERHUB_API_URL"));
        this.http = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<HubUser> userForToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint("/user"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "token " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response = send(request, "GET /user");
        int status = response.statusCode();
        if (status == 403) {
            return Optional.empty();
        }
        checkStatus(status, "GET /user");
        return Optional.of(toUser(parse(response.body(), "GET /user")));
    }

    /**
     * Exchanges an authorization code for an access token ({@code POST {api}/oauth2/token}).
     *
     * @return the access token, or empty when the hub refused the code (used, expired, forged)
     */
    public Optional<String> exchangeCode(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", hub.clientId());
        form.put("client_secret", hub.apiToken());
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", hub.oauthCallbackUrl());
        HttpRequest request = HttpRequest.newBuilder(endpoint("/oauth2/token"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<byte[]> response = send(request, "POST /oauth2/token");
        int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            return Optional.empty();
        }
        checkStatus(status, "POST /oauth2/token");
        JsonNode body = parse(response.body(), "POST /oauth2/token");
        String token = body.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new HubUnavailableException("the hub's token answer has no access_token", 502, null);
        }
        return Optional.of(token);
    }

    /**
     * The hub's authorize URL as a path on the public origin (the proxy routes {@code /hub/} to the
     * hub, and the API URL's path is the public one): {@code /hub/api/oauth2/authorize?...}.
     */
    public String authorizeUrl(String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", hub.clientId());
        query.put("redirect_uri", hub.oauthCallbackUrl());
        query.put("response_type", "code");
        query.put("state", state);
        return trimSlash(apiUrl.getRawPath()) + "/oauth2/authorize?" + formEncode(query);
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new HubUnavailableException(
                    "the hub did not answer " + what + ": " + e.getClass().getSimpleName(), 502, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubUnavailableException("interrupted while asking the hub " + what, 502, null);
        }
    }

    private static void checkStatus(int status, String what) {
        if (status >= 500) {
            throw new HubUnavailableException("the hub failed " + what + " with HTTP " + status, 502, null);
        }
        if (status != 200) {
            throw new HubUnavailableException("the hub refused " + what + " with HTTP " + status, 500, null);
        }
    }

    private JsonNode parse(byte[] body, String what) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new HubUnavailableException("the hub's answer to " + what + " is not a JSON object", 502, null);
        }
    }

    private HubUser toUser(JsonNode model) {
        String name = model.path("name").asText("");
        if (name.isEmpty()) {
            throw new HubUnavailableException("the hub's user model has no name", 502, null);
        }
        boolean admin = model.path("admin").asBoolean(false);
        List<String> groups = strings(model.path("groups"));
        List<String> scopes = strings(model.path("scopes"));
        boolean instructor = admin || groups.contains(hub.instructorGroup()) || scopes.contains(hub.instructorScope());
        return new HubUser(name, admin, groups, scopes, instructor);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }

    private URI endpoint(String path) {
        return URI.create(trimSlash(apiUrl.toString()) + path);
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static String formEncode(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
