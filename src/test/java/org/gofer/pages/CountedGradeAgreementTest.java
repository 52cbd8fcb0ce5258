package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.gofer.gradebook.GradingRules;
import org.gofer.gradebook.ScoreRow;
import org.gofer.lti.PassbackScore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every reader of the counted grade agrees after an older submission is regraded: the CSV export
 * (as the API serves it), the instructors' gradebook grid and standings, the student's page, the
 * score distribution, and the score the LTI outbox queues for the LMS. Under "latest" the counted
 * grade is the submission the student made last, not the grading that finished last.
 */
class CountedGradeAgreementTest {
    private static final String FULL_MARKS = "x = 1\ny = 2";
    private static final String HALF_MARKS = "x = 1";

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

    @ParameterizedTest(name = "policy {0}")
    @CsvSource({"latest, 0.5", "best, 1.0"})
    void aRegradeOfAnOlderSubmissionLeavesEveryReaderOnTheSameGrade(String policy, double expectedFraction) {
        // the outcome URL is never called (no LTI consumer is configured): the outbox row is the score the LMS would
        // get
        PagesFixture.write(gofer.root.resolve("tests/" + PagesFixture.LAB + "/assignment.json"), """
                {"policy": "%s", "lti": {"consumer_key": "edx", "outcome_url": "http://127.0.0.1:9/outcome",
                                         "sourcedid": "course-v1:X+Y+Z:{user}"}}""".formatted(policy));
        long older = gofer.submit(PagesFixture.ALICE, FULL_MARKS);
        gofer.awaitIdle();
        long newer = gofer.submit(PagesFixture.ALICE, HALF_MARKS);
        gofer.awaitIdle();
        HttpResponse<String> regrade = gofer.post("api/regrade", PagesFixture.PROF, "{\"submission\": " + older + "}");
        assertThat(regrade.statusCode()).isEqualTo(202);
        gofer.awaitIdle();
        assertThat(finishedAt(older))
                .as("the regrade finished after the newer submission's grading")
                .isGreaterThan(finishedAt(newer));

        boolean latest = policy.equals("latest");
        long counted = latest ? newer : older;
        GradingRules latestPolicy = GradingRules.latest(latest ? List.of(PagesFixture.LAB) : List.of());

        String[] csv = csvRowOf("alice");
        assertThat(Long.parseLong(csv[7])).as("CSV submission_id").isEqualTo(counted);
        assertThat(Double.parseDouble(csv[4])).as("CSV percent").isEqualTo(100 * expectedFraction);

        ScoreRow standing =
                gofer.gradebook.standings(Optional.of(PagesFixture.LAB)).get(0);
        assertThat(standing.submissionId()).as("Gradebook.standings").isEqualTo(counted);
        assertThat(standing.fraction()).isEqualTo(expectedFraction);

        GradebookGrid grid = new GradebookGrid(gofer.jdbi);
        GradebookGrid.Request all = new GradebookGrid.Request(Optional.empty(), "student", false, 1);
        assertThat(grid.grid(all, latestPolicy)
                        .cells()
                        .get("alice")
                        .get(PagesFixture.LAB)
                        .submissionId())
                .as("gradebook grid")
                .isEqualTo(counted);
        List<ScoreRow> rows = grid.standings(PagesFixture.LAB, latestPolicy.of(PagesFixture.LAB), all, Optional.empty())
                .rows();
        assertThat(rows)
                .extracting(ScoreRow::submissionId)
                .as("assignment standings")
                .containsExactly(counted);
        assertThat(new StudentRecords(gofer.jdbi)
                        .chosen("alice", latestPolicy)
                        .get(PagesFixture.LAB)
                        .submissionId())
                .as("student page")
                .isEqualTo(counted);

        var distribution = gofer.body(gofer.get("api/assignments/c8/s1/lab01/distribution", PagesFixture.PROF));
        int[] bins = new int[Histogram.BINS];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = distribution.get("bins").get(i).asInt();
        }
        assertThat(bins).as("distribution API").isEqualTo(Histogram.bins(List.of(expectedFraction)));

        assertThat(lastPassbackScore("alice"))
                .as("score queued for the LMS")
                .isEqualTo(PassbackScore.format(expectedFraction));
    }

    @org.junit.jupiter.api.Test
    void aLateSubmissionWithAnExtensionAndAnOverrideReadsTheSameEverywhere() {
        // due 90 minutes ago, 25 % per started hour: a submission now is 2 hours late, so half the points go
        java.time.Instant due = java.time.Instant.now()
                .minus(java.time.Duration.ofMinutes(90))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        PagesFixture.write(gofer.root.resolve("tests/" + PagesFixture.LAB + "/assignment.json"), """
                {"due_at": "%s", "late_policy": {"penalty_percent": 25, "per": "hour"},
                 "lti": {"consumer_key": "edx", "outcome_url": "http://127.0.0.1:9/outcome",
                         "sourcedid": "course-v1:X+Y+Z:{user}"}}""".formatted(due));
        // students see their score only once hidden results are released (q2 is hidden)
        assertThat(gofer.post("api/assignments/c8/s1/lab01/release", PagesFixture.PROF, "{\"released\": true}")
                        .statusCode())
                .isEqualTo(200);
        long late = gofer.submit(PagesFixture.ALICE, FULL_MARKS);
        gofer.awaitIdle();
        assertEverywhere(late, 1.0, 0.5);
        assertThat(gofer.get("pages/assignments/c8/s1/lab01", PagesFixture.ALICE)
                        .body())
                .as("the student sees the penalty on the late submission")
                .contains("−1 late penalty");
        assertThat(gofer.get("pages/", PagesFixture.ALICE).body())
                .as("the dashboard marks the latest submission late")
                .contains("<span class=\"tag late\">late</span>")
                .doesNotContain("tag extension");
        assertThat(gofer.get("pages/submissions/" + late, PagesFixture.ALICE).body())
                .contains("<span class=\"tag late\">late</span>");

        String extensions = "api/assignments/c8/s1/lab01/extensions/alice";
        assertThat(put(extensions, "{\"due_at\": \"2020-01-01T00:00:00Z\", \"reason\": \"x\"}")
                        .statusCode())
                .as("an extension before the due date")
                .isEqualTo(400);
        assertThat(put(extensions, "{\"due_at\": \"next week\", \"reason\": \"x\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(put(
                                "api/assignments/c8/s1/lab01/extensions/bad%2Fname",
                                "{\"due_at\": \"%s\", \"reason\": \"x\"}".formatted(due.plusSeconds(86_400)))
                        .statusCode())
                .isIn(400, 404);
        assertEverywhere(late, 1.0, 0.5);
        var granted = put(
                extensions, "{\"due_at\": \"%s\", \"reason\": \"doctor's note\"}".formatted(due.plusSeconds(86_400)));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertEverywhere(late, 2.0, 1.0);
        String dashboard = gofer.get("pages/", PagesFixture.ALICE).body();
        assertThat(dashboard)
                .as("the dashboard shows the student's own due date, and the work is on time against it")
                .contains("<span class=\"tag extension\">extended</span>")
                .doesNotContain("tag late");
        assertThat(gofer.get("pages/submissions/" + late, PagesFixture.ALICE).body())
                .as("the submission page judges lateness against the extension too")
                .doesNotContain("tag late");

        String overrides = "api/assignments/c8/s1/lab01/overrides/alice";
        assertThat(put(overrides, "{\"points\": 2.5, \"reason\": \"above max\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(put(overrides, "{\"points\": 1.5}").statusCode())
                .as("no reason")
                .isEqualTo(400);
        assertThat(gofer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gofer.url(overrides)))
                                .header("Authorization", "token " + PagesFixture.ALICE)
                                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"points\": 2, \"reason\": \"me\"}"))
                                .build())
                        .statusCode())
                .as("a student may not override")
                .isEqualTo(403);
        assertEverywhere(late, 2.0, 1.0);
        var set = put(overrides, "{\"points\": 1.5, \"reason\": \"q2 copied\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertEverywhere(late, 1.5, 0.75);

        var json = gofer.body(gofer.get("api/assignments/c8/s1/lab01/grades/alice", PagesFixture.PROF));
        assertThat(json.at("/grade/score").asDouble()).as("JSON API").isEqualTo(1.5);
        assertThat(json.at("/grade/overridden").asBoolean()).isTrue();
        assertThat(json.at("/changes").size()).isEqualTo(2);
        assertThat(gofer.get("pages/gradebook/c8/s1/lab01/students/alice", PagesFixture.PROF)
                        .body())
                .as("the instructor's page of the student shows the audit log")
                .contains("override set", "q2 copied", "extension granted", "doctor");
        assertThat(gofer.body(gofer.get("api/assignments/c8/s1/lab01/grades/alice", PagesFixture.ALICE))
                        .at("/changes")
                        .isNull())
                .as("students do not see the audit log")
                .isTrue();
    }

    private HttpResponse<String> put(String relative, String body) {
        return gofer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gofer.url(relative)))
                .header("Authorization", "token " + PagesFixture.PROF)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** CSV, standings, grid, the student's page and the LTI outbox all show {@code score} of 2. */
    private void assertEverywhere(long counted, double score, double fraction) {
        String[] csv = csvRowOf("alice");
        assertThat(Long.parseLong(csv[7])).as("CSV submission_id").isEqualTo(counted);
        assertThat(Double.parseDouble(csv[2])).as("CSV score").isEqualTo(score);
        assertThat(Double.parseDouble(csv[10])).as("CSV raw_score").isEqualTo(2.0);
        assertThat(gofer.gradebook
                        .standings(Optional.of(PagesFixture.LAB))
                        .get(0)
                        .score())
                .as("Gradebook.standings")
                .isEqualTo(score);
        String shown = Format.score(score, 2);
        assertThat(gofer.get("pages/gradebook/c8/s1/lab01", PagesFixture.PROF).body())
                .as("standings page")
                .contains(shown);
        assertThat(gofer.get("pages/gradebook", PagesFixture.PROF).body())
                .as("gradebook grid")
                .contains(shown);
        assertThat(gofer.get("pages/assignments/c8/s1/lab01", PagesFixture.ALICE)
                        .body())
                .as("student page")
                .contains("final-score\">" + shown);
        assertThat(lastPassbackScore("alice")).as("score queued for the LMS").isEqualTo(PassbackScore.format(fraction));
    }

    private String[] csvRowOf(String user) {
        HttpResponse<String> r = gofer.get("api/gradebook.csv?assignment=" + PagesFixture.LAB, PagesFixture.PROF);
        assertThat(r.statusCode()).isEqualTo(200);
        return Arrays.stream(r.body().split("\r\n"))
                .skip(1)
                .map(line -> line.split(","))
                .filter(cells -> cells[0].equals(user))
                .findFirst()
                .orElseThrow();
    }

    private long finishedAt(long submission) {
        return gofer.jdbi.withHandle(h -> h.createQuery("SELECT finished_at FROM submissions WHERE id = ?")
                .bind(0, submission)
                .mapTo(Long.class)
                .one());
    }

    private String lastPassbackScore(String user) {
        return gofer.jdbi.withHandle(h ->
                h.createQuery("""
                        SELECT score FROM lti_passbacks WHERE username = ?
                         ORDER BY id DESC LIMIT 1""").bind(0, user).mapTo(String.class).findOne().orElse("none queued"));
    }
}
