package org.gofer.lti;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends LTI 1.1 Basic Outcomes {@code replaceResult} requests with its own HTTP client: connect
 * and request timeouts, redirects never followed (a 302 to a login page is a wrong URL, not a
 * success), {@code Content-Type: application/xml}, body hash over the exact UTF-8 bytes. Only
 * {@code imsx_codeMajor=success} counts as delivered.
 *
 * <p>Retried: network errors, timeouts, 408/425/429, 5xx, {@code processing} and replies that are
 * not a POX response. Permanent: {@code failure} (bad signature or body hash, "User not found.",
 * "Grade is past due", parse errors: sending the same again cannot help), {@code unsupported},
 * 3xx and other 4xx, and problems on our side (no secret for the consumer key, no valid score).
 * Thread-safe.
 */
public final class Lti11OutcomePublisher implements OutcomePublisher {
    /** The outbox's protocol value for LTI 1.1 Basic Outcomes. */
    public static final String PROTOCOL = "lti1.1";

    private static final int MAX_REPLY_BYTES = 64 * 1024;

    private final Map<String, String> secrets;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient http;

    /**
     * @param secrets consumer key → shared secret (AppConfig.Lti#consumers)
     * @param connectTimeout how long to wait for a TCP/TLS connection
     * @param requestTimeout how long to wait for the whole answer
     */
    public Lti11OutcomePublisher(
            Map<String, String> secrets, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.secrets = Map.copyOf(secrets);
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1 only: no h2c upgrade headers on plain http; one small POST gains nothing from h2
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The production settings: connect timeout 5 s, request timeout 30 s. */
    public static Lti11OutcomePublisher withDefaultTimeouts(Map<String, String> secrets, Clock clock) {
        return new Lti11OutcomePublisher(secrets, Duration.ofSeconds(5), Duration.ofSeconds(30), clock);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public PassbackResult publish(Passback p, int attempt) {
        String secret = secrets.get(p.target().consumerKey());
        if (secret == null) {
            return PassbackResult.permanentBeforeSending("no secret is configured for consumer key '"
                    + p.target().consumerKey() + "' (GOFER_LTI_CONSUMERS)");
        }
        if (p.score() == null) {
            return PassbackResult.permanentBeforeSending("no valid score to send");
        }
        URI uri;
        try {
            uri = URI.create(p.target().endpointUrl());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                return PassbackResult.permanentBeforeSending("the outcome URL is not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            return PassbackResult.permanentBeforeSending("the outcome URL is not a valid URL");
        }
        ReplaceResultRequest request;
        try {
            request = ReplaceResultRequest.build(
                    p.target().endpointUrl(),
                    p.target().consumerKey(),
                    secret,
                    p.target().recipientId(),
                    p.score(),
                    "gofer-" + p.id() + "-" + attempt,
                    clock.instant());
        } catch (LtiException e) {
            return PassbackResult.permanentBeforeSending(e.getMessage());
        }
        return send(uri, request);
    }

    private PassbackResult send(URI uri, ReplaceResultRequest request) {
        HttpRequest httpRequest = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/xml")
                .header("Authorization", request.authorization())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .build();
        long start = System.nanoTime();
        int status;
        byte[] reply;
        try {
            HttpResponse<InputStream> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                reply = in.readNBytes(MAX_REPLY_BYTES);
            }
        } catch (HttpTimeoutException e) {
            return result(PassbackResult.Outcome.RETRY, request, null, null, "timed out: " + e.getMessage(), start);
        } catch (IOException e) {
            return result(
                    PassbackResult.Outcome.RETRY,
                    request,
                    null,
                    null,
                    "network error: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(PassbackResult.Outcome.RETRY, request, null, null, "interrupted (shutting down)", start);
        }
        return classify(status, reply, request, start);
    }

    private PassbackResult classify(int status, byte[] reply, ReplaceResultRequest request, long start) {
        if (status >= 300 && status < 400) {
            return result(
                    PassbackResult.Outcome.PERMANENT,
                    request,
                    status,
                    null,
                    "redirected (HTTP " + status + "): the outcome URL is wrong or behind a login",
                    start);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return result(PassbackResult.Outcome.RETRY, request, status, null, "HTTP " + status, start);
        }
        if (status >= 400) {
            return result(
                    PassbackResult.Outcome.PERMANENT,
                    request,
                    status,
                    null,
                    "HTTP " + status + " (check the consumer key and secret)",
                    start);
        }
        Optional<PoxResponse> pox = PoxResponse.parse(reply);
        if (pox.isEmpty()) {
            return result(
                    PassbackResult.Outcome.RETRY,
                    request,
                    status,
                    null,
                    "HTTP " + status + " but the reply is not an LTI outcome response",
                    start);
        }
        String major = pox.get().codeMajor().toLowerCase(Locale.ROOT);
        String description = pox.get().description();
        PassbackResult.Outcome outcome = switch (major) {
            case "success" -> PassbackResult.Outcome.DELIVERED;
            case "processing" -> PassbackResult.Outcome.RETRY;
            default -> PassbackResult.Outcome.PERMANENT;
        };
        return result(outcome, request, status, major, description.isEmpty() ? major : description, start);
    }

    private static PassbackResult result(
            PassbackResult.Outcome outcome,
            ReplaceResultRequest request,
            Integer status,
            String codeMajor,
            String description,
            long start) {
        return new PassbackResult(
                outcome,
                request.messageId(),
                request.bodySha1(),
                status,
                codeMajor,
                description,
                (System.nanoTime() - start) / 1_000_000);
    }
}
