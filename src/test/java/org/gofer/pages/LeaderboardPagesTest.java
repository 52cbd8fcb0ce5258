package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaderboards and display names through the real server (stand-in hub, real gradebook, grading by
 * {@link AnswerKeyRunner}): who sees which names, the hidden-results rule, the 404 of an assignment
 * without a leaderboard, and the display-name API's answers to bad and taken names.
 */
class LeaderboardPagesTest {
    static final String CAROL = "carol-token-5e5e5e";
    static final String BOARD = "assignments/c8/s1/lab01/leaderboard";
    static final String NAME = "api/me/display-name";
    static final String HOSTILE = "<script>alert(\"n\")</script>&'";

    @TempDir
    Path dir;

    PagesFixture gofer;

    @BeforeEach
    void start() {
        gofer = new PagesFixture(dir, true);
        gofer.hub.addToken(CAROL, "carol", false, List.of("students"), List.of("access:services!service=gofer"));
    }

    @AfterEach
    void stop() {
        gofer.close();
    }

    @Test
    void anAssignmentWithoutALeaderboardAnswers404AndItsPageHasNoLink() {
        gofer.submit(PagesFixture.ALICE, "x = 1");
        gofer.awaitIdle();

        for (String token : List.of(PagesFixture.ALICE, PagesFixture.PROF)) {
            assertThat(gofer.get("pages/" + BOARD, token).statusCode()).isEqualTo(404);
            HttpResponse<String> api = gofer.get("api/" + BOARD, token);
            assertThat(api.statusCode()).isEqualTo(404);
            assertThat(gofer.body(api).get("error").asText()).contains("c8/s1/lab01 has no leaderboard");
        }
        assertThat(gofer.get("api/assignments/c8/s1/nope/leaderboard", PagesFixture.ALICE)
                        .statusCode())
                .isEqualTo(404);
        assertThat(gofer.get("pages/assignments/c8/s1/lab01", PagesFixture.ALICE)
                        .body())
                .doesNotContain("leaderboard");
    }

    @Test
    void studentsSeeRanksScoresAndChosenNamesButNeverAnotherStudentsUsername() {
        openBoard(false);
        gofer.submit(PagesFixture.ALICE, "x = 1\ny = 2");
        gofer.awaitIdle();
        gofer.submit(PagesFixture.BOB, "x = 1");
        gofer.submit(CAROL, "x = 1\ny = 2");
        gofer.awaitIdle();
        assertThat(put(PagesFixture.BOB, "{\"display_name\": \"Captain\"}").statusCode())
                .isEqualTo(200);
        assertThat(put(CAROL, json(HOSTILE)).statusCode()).isEqualTo(200);

        assertThat(gofer.get("pages/assignments/c8/s1/lab01", PagesFixture.ALICE)
                        .body())
                .contains("href=\"/services/gofer/pages/" + BOARD + "\"");

        String html = gofer.get("pages/" + BOARD, PagesFixture.ALICE).body();
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/lb-alice.html"), html);
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of("target/lb-prof.html"),
                    gofer.get("pages/" + BOARD, PagesFixture.PROF).body());
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
        assertThat(html)
                .contains(
                        "3 students, ranked",
                        "<tr class=\"you\"><td class=\"num\">1</td><td><span class=\"unnamed\" title=\"no name chosen\">—</span>"
                                + " <span class=\"tag you\">you</span></td>",
                        "<td class=\"num\">2</td><td>&lt;script&gt;alert(\"n\")&lt;/script&gt;&amp;'</td>",
                        "<td class=\"num\">3</td><td>Captain</td>",
                        "2 / 2",
                        "1 / 2",
                        "You have not chosen one")
                .doesNotContain("bob", "carol", HOSTILE, "<th>Student</th>");

        JsonNode board = gofer.body(gofer.get("api/" + BOARD, PagesFixture.BOB));
        assertThat(board.toString()).doesNotContain("alice", "carol", "username");
        assertThat(board.get("open").asBoolean()).isTrue();
        assertThat(board.get("students").asInt()).isEqualTo(3);
        assertThat(board.get("rows")).hasSize(3);
        JsonNode first = board.get("rows").get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("display_name").isNull()).isTrue();
        assertThat(first.get("fraction").asDouble()).isEqualTo(1.0);
        assertThat(first.get("you").asBoolean()).isFalse();
        assertThat(first.has("submitted_at")).isFalse();
        assertThat(board.get("rows").get(1).get("display_name").asText()).isEqualTo(HOSTILE);
        JsonNode own = board.get("you");
        assertThat(own.get("rank").asInt()).isEqualTo(3);
        assertThat(own.get("display_name").asText()).isEqualTo("Captain");
        assertThat(own.get("you").asBoolean()).isTrue();
        assertThat(own.get("score").asDouble()).isEqualTo(1.0);
        assertThat(own.get("max_score").asDouble()).isEqualTo(2.0);

        String instructor = gofer.get("pages/" + BOARD, PagesFixture.PROF).body();
        assertThat(instructor).contains("<th>Student</th>", "<td>alice</td>", "<td>bob</td>", "<td>carol</td>");
        JsonNode forProf = gofer.body(gofer.get("api/" + BOARD, PagesFixture.PROF));
        assertThat(forProf.get("rows").get(2).get("username").asText()).isEqualTo("bob");
        assertThat(forProf.get("you").isNull()).isTrue();
    }

    @Test
    void hiddenResultsKeepTheBoardClosedToStudentsUntilTheyAreReleased() {
        openBoard(true);
        gofer.submit(PagesFixture.ALICE, "x = 1\ny = 2");
        gofer.submit(PagesFixture.BOB, "x = 1");
        gofer.awaitIdle();

        JsonNode closed = gofer.body(gofer.get("api/" + BOARD, PagesFixture.ALICE));
        assertThat(closed.get("open").asBoolean()).isFalse();
        assertThat(closed.get("message").asText()).isEqualTo(LeaderboardPage.CLOSED);
        assertThat(closed.get("rows")).isEmpty();
        assertThat(closed.get("you").isNull()).isTrue();
        assertThat(gofer.get("pages/" + BOARD, PagesFixture.ALICE).body())
                .contains(LeaderboardPage.CLOSED)
                .doesNotContain("2 / 2", "table class=\"leaderboard\"");
        assertThat(gofer.body(gofer.get("api/" + BOARD, PagesFixture.PROF)).get("rows"))
                .hasSize(2);

        assertThat(gofer.post("api/assignments/c8/s1/lab01/release", PagesFixture.PROF, "{\"released\": true}")
                        .statusCode())
                .isEqualTo(200);
        JsonNode open = gofer.body(gofer.get("api/" + BOARD, PagesFixture.ALICE));
        assertThat(open.get("open").asBoolean()).isTrue();
        assertThat(open.get("you").get("rank").asInt()).isEqualTo(1);
    }

    @Test
    void theDisplayNameApiRefusesBadAndTakenNamesAndChangesNothingThen() {
        gofer.submit(PagesFixture.BOB, "x = 1"); // makes "bob" a known hub user name
        gofer.awaitIdle();
        assertThat(gofer.body(gofer.get(NAME, PagesFixture.ALICE))
                        .get("display_name")
                        .isNull())
                .isTrue();

        HttpResponse<String> chosen = put(PagesFixture.ALICE, json("  Ada  L "));
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(gofer.body(chosen).get("display_name").asText()).isEqualTo("Ada L");

        for (String bad : List.of(
                json(""),
                json("x".repeat(33)),
                json("bell\u0007"),
                json("a\u202Eb"),
                "{\"display_name\": 7}",
                "{\"name\": \"Ada\"}",
                "[\"Ada\"]",
                "not json")) {
            HttpResponse<String> r = put(PagesFixture.ALICE, bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(gofer.body(r).get("error").asText()).as(bad).isNotBlank();
        }
        HttpResponse<String> taken = put(PagesFixture.BOB, json("ADA l"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(gofer.body(taken).get("error").asText()).contains("is taken").doesNotContain("alice");
        assertThat(put(PagesFixture.ALICE, json("Bob")).statusCode()).isEqualTo(409);

        assertThat(gofer.body(gofer.get(NAME, PagesFixture.ALICE))
                        .get("display_name")
                        .asText())
                .isEqualTo("Ada L");
        assertThat(gofer.body(gofer.get(NAME, PagesFixture.BOB))
                        .get("display_name")
                        .isNull())
                .isTrue();

        HttpResponse<String> removed = send("DELETE", PagesFixture.ALICE, "");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(gofer.body(removed).get("display_name").isNull()).isTrue();
        assertThat(put(PagesFixture.BOB, json("ada L")).statusCode()).isEqualTo(200);
    }

    /** Turns the lab's leaderboard on; without {@code hiddenTest}, q2 is a visible test. */
    private void openBoard(boolean hiddenTest) {
        PagesFixture.write(
                dir.resolve("tests/" + PagesFixture.LAB + "/assignment.json"),
                "{\"title\": \"Lab 1\", \"policy\": \"best\", \"leaderboard\": true}");
        gofer.writeTest("q2", "y = 2", hiddenTest);
    }

    private static String json(String name) {
        return "{\"display_name\": \"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private HttpResponse<String> put(String token, String body) {
        return send("PUT", token, body);
    }

    private HttpResponse<String> send(String method, String token, String body) {
        return gofer.send(HttpRequest.newBuilder(URI.create(gofer.url(NAME)))
                .header("Authorization", "token " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
