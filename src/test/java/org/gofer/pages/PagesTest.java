package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gofer.gradebook.ScoreRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages through the real server: who sees what, regrades, release of hidden results, CSV. */
class PagesTest {
    @TempDir
    Path dir;

    PagesFixture gofer;

    @BeforeEach
    void start() {
        gofer = new PagesFixture(dir, true);
    }

    @AfterEach
    void stop() {
        gofer.close();
    }

    @Test
    void aStudentSeesTheirOwnWorkAndHiddenTestsOnlyAsACount() {
        long alice = gofer.submit(PagesFixture.ALICE, "x = 1");
        long bob = gofer.submit(PagesFixture.BOB, "x = 1\ny = 2");
        gofer.awaitIdle();

        HttpResponse<String> dashboard = gofer.get("pages/", PagesFixture.ALICE);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(dashboard.body())
                .contains("Lab 1: &lt;Expressions&gt;", "1 / 1", "(visible tests)", "graded")
                .doesNotContain("bob");

        HttpResponse<String> own = gofer.get("pages/submissions/" + alice, PagesFixture.ALICE);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body())
                .contains("Visible tests", "1 hidden test", "q1 passed")
                .doesNotContain("SECRET-DETAIL-q2", "Container log", "Notebook as submitted");

        assertThat(gofer.get("pages/submissions/" + bob, PagesFixture.ALICE).statusCode())
                .isEqualTo(403);
        HttpResponse<String> assignment = gofer.get("pages/assignments/c8/s1/lab01", PagesFixture.ALICE);
        assertThat(assignment.body())
                .contains("id=\"upload-form\"", "pages/submissions/" + alice)
                .doesNotContain("pages/submissions/" + bob + "\"", "SECRET-DETAIL");
        assertThat(gofer.get("pages/gradebook", PagesFixture.ALICE).statusCode())
                .isEqualTo(403);
        assertThat(gofer.get("pages/queue", PagesFixture.ALICE).statusCode()).isEqualTo(403);
        assertThat(gofer.post("api/regrade", PagesFixture.ALICE, "{\"assignment\": \"c8/s1/lab01\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(gofer.post("api/assignments/c8/s1/lab01/release", PagesFixture.ALICE, "{\"released\": true}")
                        .statusCode())
                .isEqualTo(403);

        assertThat(gofer.post("api/assignments/c8/s1/lab01/release", PagesFixture.PROF, "{\"released\": true}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(gofer.get("pages/submissions/" + alice, PagesFixture.ALICE).body())
                .contains("SECRET-DETAIL-q2", "Score: <strong>1 / 2</strong>")
                .doesNotContain("hidden test:");
    }

    @Test
    void anInstructorSeesTheSubmissionAsSubmittedWithEverythingEscaped() {
        long id = gofer.submit(PagesFixture.ALICE, "print('<script>alert(1)</script>')");
        gofer.awaitIdle();

        String page = gofer.get("pages/submissions/" + id, PagesFixture.PROF).body();

        assertThat(page)
                .contains(
                        "Notebook as submitted",
                        "&lt;script&gt;alert(1)&lt;/script&gt;",
                        "&lt;b&gt;printed&lt;/b&gt;",
                        "Container log",
                        "harness: ran 2 tests",
                        "SECRET-DETAIL-q2",
                        "Regrade this submission",
                        "Attempts")
                .doesNotContain("<script>alert", "<b>printed");
    }

    @Test
    void aRegradeAfterFixingATestChangesTheScores() {
        gofer.submit(PagesFixture.ALICE, "x = 1");
        gofer.submit(PagesFixture.BOB, "x = 2");
        gofer.awaitIdle();
        assertThat(scoreOf("bob")).isEqualTo(0.0);

        gofer.writeTest("q1", "x = ", false);
        HttpResponse<String> regrade =
                gofer.post("api/regrade", PagesFixture.PROF, "{\"assignment\": \"c8/s1/lab01\"}");
        assertThat(regrade.statusCode()).isEqualTo(202);
        assertThat(gofer.body(regrade).get("requeued").asInt()).isEqualTo(2);
        awaitProgressDone();

        assertThat(scoreOf("bob")).isEqualTo(1.0);
        assertThat(gofer.get("pages/gradebook/c8/s1/lab01", PagesFixture.PROF).body())
                .contains("2 students with a grade", "<th>q1</th>", "<th>q2</th>");
        assertThat(gofer.runner.runs.get()).isEqualTo(4);
    }

    @Test
    void theCsvLinkOnTheGradebookPageServesTheGradebookExport() {
        gofer.submit(PagesFixture.ALICE, "x = 1");
        gofer.submit(PagesFixture.BOB, "y = 2");
        gofer.awaitIdle();

        String page = gofer.get("pages/gradebook", PagesFixture.PROF).body();
        Matcher m = Pattern.compile("class=\"csv\" href=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        String href = m.group(1).replace("&amp;", "&");
        assertThat(href).startsWith(PagesFixture.PREFIX);
        String csv = gofer.get(href.substring(PagesFixture.PREFIX.length()), PagesFixture.PROF)
                .body();

        StringWriter expected = new StringWriter();
        gofer.gradebook.exportCsv(expected, Optional.empty());
        assertThat(csv).isEqualTo(expected.toString()).contains("alice", "bob");
    }

    @Test
    void theQueueAndDistributionEndpointsAnswerInstructors() {
        gofer.submit(PagesFixture.ALICE, "x = 1\ny = 2");
        gofer.submit(PagesFixture.BOB, "nothing");
        gofer.awaitIdle();

        var queue = gofer.body(gofer.get("api/queue", PagesFixture.PROF));
        assertThat(queue.get("graded").asInt()).isEqualTo(2);
        assertThat(queue.get("queued").asInt()).isZero();
        var dist = gofer.body(gofer.get("api/assignments/c8/s1/lab01/distribution", PagesFixture.PROF));
        assertThat(dist.get("students").asInt()).isEqualTo(2);
        assertThat(dist.get("bins").get(0).asInt()).isEqualTo(1);
        assertThat(dist.get("bins").get(9).asInt()).isEqualTo(1);
        assertThat(gofer.get("pages/queue", PagesFixture.PROF).body()).contains("Grading queue", "none waiting");
        assertThat(gofer.get("pages/gradebook/c8/s1/lab01", PagesFixture.PROF).body())
                .contains("<svg", "2 students with a recorded grade");
    }

    @Test
    void aBrowserOpeningTheServiceLandsOnTheDashboard() {
        HttpResponse<String> r = gofer.get("", PagesFixture.ALICE);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains(PagesFixture.PREFIX + "pages/");
    }

    private double scoreOf(String user) {
        return gofer.gradebook.standings(Optional.of(PagesFixture.LAB)).stream()
                .filter(r -> r.username().equals(user))
                .mapToDouble(ScoreRow::score)
                .findFirst()
                .orElse(-1);
    }

    private void awaitProgressDone() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            var p = gofer.body(gofer.get("api/assignments/c8/s1/lab01/progress", PagesFixture.PROF));
            if (p.get("done").asBoolean()) {
                assertThat(p.get("graded").asInt()).isEqualTo(2);
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("regrade did not finish");
    }
}
