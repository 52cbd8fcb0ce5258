package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.hub.HubHttp.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leaderboard in headless Chromium behind a real JupyterHub's login (the first installed
 * {@link HubStack}; the page is the same on both): student2 and then student1 submit the demo
 * notebook through the API and Docker grades both to the same score; student1 signs in, follows the
 * assignment page's link to the leaderboard, chooses a display name in its form and sees it on the
 * board, marked as theirs, one rank below student2's unnamed row (same score, submitted later),
 * with student2's user name nowhere on the page. Screenshot: {@code hub-leaderboard.png}.
 */
@EnabledIfHubStack(chromium = true)
class LeaderboardThroughHubIT {
    private static final String PAGES = "/services/gofer/pages/";
    private static final String ASSIGNMENT = "hubdemo/s1/basics";
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration GRADING = Duration.ofMinutes(4);

    @TempDir
    static Path dir;

    static HubStack stack;
    static LocalHub hub;
    static HubHttp http;

    @BeforeAll
    static void startHubWithTwoGradedSubmissions() throws Exception {
        stack = Arrays.stream(HubStack.values())
                .filter(s -> s.unavailable().isEmpty())
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(stack != null, "no JupyterHub is installed");
        Path tests = LocalHub.copyTests(dir.resolve("notebooks-tests"));
        Files.writeString(tests.resolve(ASSIGNMENT + "/assignment.json"), "{\"leaderboard\": true}");
        hub = LocalHub.start(stack, dir.resolve("hub"), Map.of("GOFER_TESTS_DIR", tests.toString()));
        http = new HubHttp(hub);
        for (String student : List.of("student2", "student1")) {
            String token = http.mintToken(student, hub.password).get("token").asText();
            var accepted = http.postJson(
                    "/services/gofer/submit",
                    token,
                    Map.of("nb", HubHttp.JSON.readValue(Files.readString(notebook()), Map.class)),
                    Map.of());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            awaitGraded(read(accepted.body()).get("id").asLong(), token);
        }
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }

    @Test
    void aStudentChoosesADisplayNameAndSeesTheLeaderboardWithIt() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(Files.createDirectories(dir.resolve("student1")))) {
            try {
                hub.signInToGoferPages(browser, "student1", PAGE);
                browser.open(hub.url(PAGES + "assignments/" + ASSIGNMENT));
                browser.click(browser.await("p.leaderboard-link a", PAGE));
                browser.await("table.leaderboard", PAGE);
                assertThat(browser.pageText()).contains("You have not chosen one");

                browser.type(browser.await("#display-name-form input[name=display_name]", PAGE), "  Ada <L> ");
                browser.click(browser.await("#display-name-form button[type=submit]", PAGE));
                browser.awaitPage(
                        PAGE,
                        "the page to show the chosen name",
                        b -> b.find("#display-name-current")
                                .map(b::text)
                                .filter(t -> t.contains("You appear as Ada <L>."))
                                .isPresent());

                assertThat(rows(browser))
                        .containsExactly(List.of("1", "—", "1 / 2"), List.of("2", "Ada <L> you", "1 / 2"));
                assertThat(browser.find("table.leaderboard tr.you")).isPresent();
                assertThat(browser.text(browser.await("header .who", PAGE))).contains("student1");
                String html = browser.script("return document.documentElement.outerHTML;")
                        .asText();
                assertThat(html).doesNotContain("student2").contains("Ada &lt;L&gt;");
                browser.screenshot(stack.screenshots().resolve("hub-leaderboard.png"));
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(stack.screenshots().resolve("hub-leaderboard-failure.png"));
                throw new AssertionError(e.getMessage() + "\n" + hub.tail(), e);
            }
        }
    }

    /** The board's rows as [rank, name cell, score]. */
    private static List<List<String>> rows(HeadlessChromium browser) {
        JsonNode rows = browser.script("""
                return Array.prototype.map.call(document.querySelectorAll('table.leaderboard tbody tr'), function (tr) {
                  var td = tr.querySelectorAll('td');
                  return [td[0].textContent, td[1].textContent, td[2].textContent];
                });""");
        return java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                .map(r -> List.of(
                        r.get(0).asText().trim(),
                        r.get(1).asText().trim(),
                        r.get(2).asText().trim()))
                .toList();
    }

    private static Path notebook() {
        return LocalHub.TESTS_DIR.resolve(ASSIGNMENT + "/basics.ipynb");
    }

    private static void awaitGraded(long id, String token) throws InterruptedException {
        Instant deadline = Instant.now().plus(GRADING);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read(http.get("/services/gofer/api/submissions/" + id, token).body());
            if (last.path("status").asText().equals("graded")) {
                return;
            }
            assertThat(last.path("status").asText()).as(last.toString()).isNotEqualTo("failed");
            Thread.sleep(500);
        }
        throw new AssertionError(
                "submission " + id + " not graded within " + GRADING + ": " + last + "\n" + hub.tail());
    }
}
