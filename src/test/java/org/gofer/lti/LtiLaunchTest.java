package org.gofer.lti;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gofer.config.AppConfig;
import org.gofer.web.LtiRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launches signed by oauthlib (not by Gofer) posted to the real route on a Javalin server on port 0.
 * The launch URL the LMS signs is the configured public one, not the 127.0.0.1 URL the request
 * actually reaches.
 */
class LtiLaunchTest {
    private static final String PREFIX = "/services/gofer/";
    private static final String PUBLIC = "https://hub.example.edu";
    private static final String LAUNCH_URL = PUBLIC + PREFIX + "lti/launch";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    LtiFixture f;
    Javalin app;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        f = new LtiFixture(dir, "{\"policy\": \"best\"}");
        AppConfig.Lti lti = new AppConfig.Lti(
                Optional.of(URI.create(PUBLIC)), Map.of(LtiFixture.KEY, LtiFixture.SECRET, "other", "other-secret"));
        LtiLaunchService launches =
                new LtiLaunchService(f.jdbi, lti, PREFIX, LtiLaunchOptions.defaults(), f.catalog::exists, f.clock);
        LtiRoutes routes = new LtiRoutes(launches, f.outbox, ctx -> "instructor".equals(ctx.header("X-Test-Role")));
        app = Javalin.create(config -> routes.addRoutes(config, PREFIX)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void aLaunchSignedByOauthlibIsAcceptedAndBound() throws Exception {
        HttpResponse<String> r = post(sign(LAUNCH_URL, LtiFixture.SECRET, "HMAC-SHA1", null, params("n1")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("0a1b2c3d4e")
                .contains(LtiFixture.ASSIGNMENT)
                .contains(PUBLIC + "/hub/");
        LtiBinding b = f.outbox.bindings(null, null, 10).get(0);
        assertThat(b.username()).isEqualTo("0a1b2c3d4e");
        assertThat(b.lmsUserId()).isEqualTo("0A1B2C3D4E");
        assertThat(b.assignment()).isEqualTo(LtiFixture.ASSIGNMENT);
        assertThat(b.outcomeUrl()).isEqualTo("https://courses.example.org/outcome");
        assertThat(b.sourcedid()).isEqualTo("course-v1%3AX:block1:0A1B2C3D4E");

        // a relaunch keeps the latest outcome details
        Map<String, String> again = params("n2");
        again.put("lis_result_sourcedid", "course-v1%3AX:block1:0A1B2C3D4E:v2");
        assertThat(post(sign(LAUNCH_URL, LtiFixture.SECRET, "HMAC-SHA1", null, again))
                        .statusCode())
                .isEqualTo(200);
        assertThat(f.outbox.bindings(null, null, 10)).singleElement().satisfies(x -> {
            assertThat(x.sourcedid()).endsWith(":v2");
            assertThat(x.launches()).isEqualTo(2);
        });
    }

    @Test
    void aReplayedLaunchIsRejected() throws Exception {
        String body = sign(LAUNCH_URL, LtiFixture.SECRET, "HMAC-SHA1", null, params("n1"));
        assertThat(post(body).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = post(body);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("already used").contains("Nothing was recorded");
        assertThat(count("lti_nonces")).isEqualTo(1);
        assertThat(f.outbox.bindings(null, null, 10))
                .singleElement()
                .satisfies(b -> assertThat(b.launches()).isEqualTo(1));
    }

    @Test
    void aStaleTimestampIsRejected() throws Exception {
        String stale = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
        assertRejected(sign(LAUNCH_URL, LtiFixture.SECRET, "HMAC-SHA1", stale, params("n1")), "too old");
    }

    @Test
    void aWrongSecretIsRejected() throws Exception {
        assertRejected(sign(LAUNCH_URL, "guessed", "HMAC-SHA1", null, params("n1")), "signature does not match");
    }

    @Test
    void aPlaintextSignatureIsRejected() throws Exception {
        assertRejected(sign(LAUNCH_URL, LtiFixture.SECRET, "PLAINTEXT", null, params("n1")), "HMAC-SHA1");
    }

    @Test
    void aLaunchSignedForAnotherUrlIsRejected() throws Exception {
        String requestUrl = "http://127.0.0.1:" + app.port() + PREFIX + "lti/launch";
        assertRejected(
                sign(requestUrl, LtiFixture.SECRET, "HMAC-SHA1", null, params("n1")), "signature does not match");
    }

    @Test
    void anUnknownAssignmentIsRejected() throws Exception {
        Map<String, String> p = params("n1");
        p.put("custom_gofer_assignment", "data8x/fall/no-such-lab");
        assertRejected(sign(LAUNCH_URL, LtiFixture.SECRET, "HMAC-SHA1", null, p), "does not have");
    }

    @Test
    void instructorViewsNeedAnInstructor() throws Exception {
        post(sign(LAUNCH_URL, LtiFixture.SECRET, "HMAC-SHA1", null, params("n1")));
        f.recordGrade("0a1b2c3d4e", 1, 2);
        String base = "http://127.0.0.1:" + app.port() + PREFIX + "api/lti/";
        assertThat(get(base + "passbacks", "student").statusCode()).isEqualTo(403);
        HttpResponse<String> list = get(base + "passbacks?assignment=" + LtiFixture.ASSIGNMENT, "instructor");
        assertThat(list.statusCode()).isEqualTo(200);
        var rows = JSON.readTree(list.body());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("status").asText()).isEqualTo("pending");
        assertThat(rows.get(0).get("score").asText()).isEqualTo("0.5");
        long id = rows.get(0).get("id").asLong();
        assertThat(JSON.readTree(get(base + "passbacks/" + id, "instructor").body())
                        .get("attempts"))
                .isEmpty();
        HttpResponse<String> resend = http.send(
                HttpRequest.newBuilder(URI.create(base + "passbacks/" + id + "/resend"))
                        .header("X-Test-Role", "instructor")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resend.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(get(base + "bindings", "instructor").body())
                        .get(0)
                        .get("user")
                        .asText())
                .isEqualTo("0a1b2c3d4e");
    }

    private void assertRejected(String body, String reason) throws Exception {
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("not accepted").contains(reason).contains("Nothing was recorded");
        assertThat(count("lti_bindings")).isZero();
        assertThat(count("lti_nonces")).isZero();
    }

    private int count(String table) {
        return f.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Integer.class)
                .one());
    }

    private static Map<String, String> params(String resourceSuffix) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("lti_message_type", "basic-lti-launch-request");
        p.put("lti_version", "LTI-1p0");
        p.put("resource_link_id", "block-v1:X+Y+Z+type@lti_consumer+block@1");
        p.put("user_id", "0A1B2C3D4E");
        p.put("roles", "Student,Learner");
        p.put("context_id", "course-v1:X+Y+Z");
        p.put("lis_outcome_service_url", "https://courses.example.org/outcome");
        p.put("lis_result_sourcedid", "course-v1%3AX:block1:0A1B2C3D4E");
        p.put("custom_gofer_assignment", LtiFixture.ASSIGNMENT);
        p.put("lis_person_name_full", "Jürgen Ñandú");
        p.put("launch_presentation_return_url", "");
        return p;
    }

    private static String sign(String url, String secret, String method, String timestamp, Map<String, String> params)
            throws Exception {
        return LaunchSigner.sign(url, LtiFixture.KEY, secret, method, timestamp, params);
    }

    private HttpResponse<String> post(String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + PREFIX + "lti/launch"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String role) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .header("X-Test-Role", role)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
