package org.gofer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.web.WebFixture.ALICE;
import static org.gofer.web.WebFixture.PROF;
import static org.gofer.web.WebFixture.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** assignment.json's submission limits at the HTTP intake, and the standing the Submit button reads first. */
class SubmissionLimitsApiTest {
    @TempDir
    Path dir;

    WebFixture web;

    @BeforeEach
    void start() {
        web = new WebFixture(dir, Duration.ofSeconds(30));
        Path tests = dir.resolve("tests");
        WebFixture.write(tests.resolve("c8/s1/once/tests/q1.py"), "test = {'name': 'q1', 'points': 1}\n");
        WebFixture.write(tests.resolve("c8/s1/once/assignment.json"), "{\"max_submissions\": 1}");
        WebFixture.write(tests.resolve("c8/s1/hourly/tests/q1.py"), "test = {'name': 'q1', 'points': 1}\n");
        WebFixture.write(tests.resolve("c8/s1/hourly/assignment.json"), "{\"min_interval_seconds\": 3600}");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void theMaximumIs409AndNothingIsStored() {
        assertThat(web.postJson("submit", ALICE, notebook("c8", "s1", "once")).statusCode())
                .isEqualTo(202);
        long files = web.storedFiles();

        HttpResponse<String> again =
                web.postJson("submit", ALICE, notebook("c8", "s1", "once").replace("x = 1", "x = 2"));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(web.body(again).path("error").asText()).contains("used all 1 submissions allowed");
        assertThat(web.submissionRows()).isEqualTo(1);
        assertThat(web.storedFiles()).isEqualTo(files);
        JsonNode standing =
                web.body(web.get("api/assignments/c8/s1/once", ALICE)).path("attempts");
        assertThat(standing.path("used").asInt()).isEqualTo(1);
        assertThat(standing.path("max").asInt()).isEqualTo(1);
        assertThat(standing.path("remaining").asInt()).isZero();
        assertThat(standing.path("may_now").asBoolean()).isFalse();
    }

    @Test
    void theIntervalIs429WithRetryAfter() {
        assertThat(web.postJson("submit", ALICE, notebook("c8", "s1", "hourly")).statusCode())
                .isEqualTo(202);

        HttpResponse<String> soon = web.postJson("submit", ALICE, notebook("c8", "s1", "hourly"));

        assertThat(soon.statusCode()).as(soon.body()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(soon.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(3500L, 3600L);
        assertThat(web.body(soon).path("error").asText()).contains("at most one submission every 3600 s");
        assertThat(web.submissionRows()).isEqualTo(1);
        JsonNode standing =
                web.body(web.get("api/assignments/c8/s1/hourly", ALICE)).path("attempts");
        assertThat(standing.path("next_allowed_at").asText()).endsWith("Z");
        assertThat(standing.path("min_interval_seconds").asLong()).isEqualTo(3600);
        assertThat(standing.path("may_now").asBoolean()).isFalse();
    }

    @Test
    void instructorsAreNotLimitedAndAnAssignmentWithoutLimitsShowsNoCount() {
        assertThat(web.postJson("submit", PROF, notebook("c8", "s1", "once")).statusCode())
                .isEqualTo(202);
        assertThat(web.postJson("submit", PROF, notebook("c8", "s1", "once")).statusCode())
                .isEqualTo(202);

        JsonNode open = web.body(web.get("api/assignments/c8/s1/lab01", ALICE));
        assertThat(open.has("attempts")).isFalse();
        assertThat(open.path("title").asText()).isEqualTo("lab01");
    }

    @Test
    void theAssignmentPageSaysHowManyAttemptsAreUsedBeforeSubmitting() {
        web.postJson("submit", ALICE, notebook("c8", "s1", "once"));

        HttpResponse<String> page = web.get("pages/assignments/c8/s1/once", ALICE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Attempts used 1 of 1; no submissions left.");
    }
}
