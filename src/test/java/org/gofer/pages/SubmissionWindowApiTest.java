package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intake through the real service: 403 before the assignment opens and after its cutoff, nothing stored. */
class SubmissionWindowApiTest {
    @TempDir
    Path dir;

    PagesFixture gofer;

    @BeforeEach
    void start() {
        gofer = new PagesFixture(dir, false);
    }

    @AfterEach
    void stop() {
        gofer.close();
    }

    @Test
    void beforeOpeningAndAfterTheCutoffNothingIsStored() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        schedule("""
                {"opens_at": "%s", "due_at": "%s"}""".formatted(now.plus(1, ChronoUnit.DAYS), now.plus(2, ChronoUnit.DAYS)));
        HttpResponse<String> early = gofer.post("submit", PagesFixture.ALICE, PagesFixture.notebook("x = 1"));
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(gofer.body(early).get("error").asText()).contains("opens for submissions at");

        schedule("""
                {"due_at": "%s", "late_policy": {"penalty_percent": 10, "cutoff_after": "PT1H"}}""".formatted(now.minus(2, ChronoUnit.HOURS)));
        HttpResponse<String> closed = gofer.post("submit", PagesFixture.ALICE, PagesFixture.notebook("x = 1"));
        assertThat(closed.statusCode()).isEqualTo(403);
        assertThat(gofer.body(closed).get("error").asText()).contains("closed for submissions at");
        assertThat(rows()).isZero();

        // an extension with its own cutoff opens it again for that student only
        HttpResponse<String> ext = gofer.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(gofer.url("api/assignments/c8/s1/lab01/extensions/alice")))
                .header("Authorization", "token " + PagesFixture.PROF)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"due_at": "%s", "reason": "travel"}""".formatted(now.plus(1, ChronoUnit.HOURS))))
                .build());
        assertThat(ext.statusCode()).as(ext.body()).isEqualTo(200);
        assertThat(gofer.post("submit", PagesFixture.ALICE, PagesFixture.notebook("x = 1"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(gofer.post("submit", PagesFixture.BOB, PagesFixture.notebook("x = 1"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(rows()).isEqualTo(1);
    }

    private void schedule(String json) {
        PagesFixture.write(gofer.root.resolve("tests/" + PagesFixture.LAB + "/assignment.json"), json);
    }

    private long rows() {
        return gofer.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM submissions")
                .mapTo(Long.class)
                .one());
    }
}
