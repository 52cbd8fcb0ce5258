package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.hub.HubHttp.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pages in headless Chromium through a real JupyterHub (Debian's 3.0 and 5 from the venv): each person signs in on the hub's
 * own login form, reached through Gofer's OAuth redirect, in a browser of their own. A student
 * uploads a notebook, watches it being graded and is refused another student's submission; the
 * instructor fixes a test in the tests directory, regrades the assignment from its page, watches
 * the scores change and downloads the CSV, which must equal the gradebook export. Grading runs
 * in Docker. Screenshots of each page go to {@code target/screenshots/} ({@code target/screenshots/hub5/} on JupyterHub 5), {@code hub-*.png}.
 */
@EnabledIfHubStack(chromium = true)
@ParameterizedClass(name = "on {0}")
@EnumSource(HubStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesThroughHubIT {
    private static final String PAGES = "/services/gofer/pages/";
    private static final String ASSIGNMENT = "hubdemo/s1/basics";
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration GRADING = Duration.ofMinutes(4);

    @TempDir
    static Path dir;

    @Parameter
    HubStack stack;

    static Path tests;
    static LocalHub hub;
    static HubHttp http;
    static String instructorToken;
    static long student1Submission;
    static long student2Submission;

    @BeforeParameterizedClassInvocation
    static void startHubWithAnotherStudentsWork(HubStack stack) throws Exception {
        stack.assumeInstalled();
        tests = LocalHub.copyTests(dir.resolve(stack.name()).resolve("notebooks-tests"));
        hub = LocalHub.start(
                stack, dir.resolve(stack.name()).resolve("hub"), Map.of("GOFER_TESTS_DIR", tests.toString()));
        http = new HubHttp(hub);
        instructorToken =
                http.mintToken(LocalHub.INSTRUCTOR, hub.password).get("token").asText();
        String student2Token =
                http.mintToken("student2", hub.password).get("token").asText();
        var accepted = http.postJson(
                "/services/gofer/submit",
                student2Token,
                Map.of("nb", HubHttp.JSON.readValue(Files.readString(notebook()), Map.class)),
                Map.of());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        student2Submission = read(accepted.body()).get("id").asLong();
        awaitGraded(student2Submission);
    }

    @AfterParameterizedClassInvocation
    static void stopHub() {
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }

    @Test
    @Order(1)
    void aStudentUploadsWatchesTheGradeArriveAndSeesOnlyTheirOwnWork() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(
                Files.createDirectories(dir.resolve(stack.name()).resolve("student1")))) {
            try {
                hub.signInToGoferPages(browser, "student1", PAGE);
                browser.await("table.assignments", PAGE);
                assertThat(browser.pageText())
                        .contains("student1", "basics", "not submitted")
                        .doesNotContain("student2");
                browser.screenshot(stack.screenshots().resolve("hub-student-dashboard.png"));

                browser.click(browser.await("table.assignments a[href$='assignments/" + ASSIGNMENT + "']", PAGE));
                browser.type(
                        browser.await("#upload-form input[type=file]", PAGE),
                        notebook().toString());
                browser.click(browser.await("#upload-form button", PAGE));

                // The submission's page shows the live status and reloads itself once grading is done.
                Set<String> seen = new LinkedHashSet<>();
                browser.awaitPage(GRADING, "the submission graded", b -> {
                    if (!b.currentUrl().contains(PAGES + "submissions/")) {
                        return false;
                    }
                    seen.add(b.script(
                                    "var s = document.querySelector('.live .status');"
                                            + " return s ? s.textContent : (document.querySelector('p.score') ? 'graded' : '');")
                            .asText());
                    return b.find("section.feedback p.score").isPresent();
                });
                student1Submission = Long.parseLong(browser.currentUrl().replaceAll(".*/submissions/(\\d+).*", "$1"));
                assertThat(browser.pageText())
                        .as("states seen: " + seen)
                        .contains("Score: 1 / 2 (50%)", "q1", "q2", "graded", "student1");
                browser.screenshot(stack.screenshots().resolve("hub-student-submission.png"));

                browser.open(hub.url(PAGES + "assignments/" + ASSIGNMENT));
                browser.await("table.submissions", PAGE);
                assertThat(browser.pageText())
                        .contains("Counted grade", "1 / 2", "graded", "upload")
                        .doesNotContain("student2");
                browser.screenshot(stack.screenshots().resolve("hub-student-assignment.png"));

                browser.open(hub.url(PAGES + "submissions/" + student2Submission));
                browser.awaitPage(PAGE, "a refusal", b -> b.pageText().contains("belongs to another user"));
                assertThat(browser.pageText()).doesNotContain("Score:", "v2 = 3");
                browser.screenshot(stack.screenshots().resolve("hub-student-other-submission-refused.png"));
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(stack.screenshots().resolve("hub-student-failure.png"));
                throw new AssertionError(e.getMessage() + "\n" + hub.tail(), e);
            }
        }
    }

    @Test
    @Order(2)
    void anInstructorFixesATestRegradesAndDownloadsTheCsv() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(
                Files.createDirectories(dir.resolve(stack.name()).resolve("instructor")))) {
            try {
                hub.signInToGoferPages(browser, LocalHub.INSTRUCTOR, PAGE);
                browser.open(hub.url(PAGES + "gradebook"));
                browser.await("table.gradebook", PAGE);
                assertThat(browser.pageText()).contains("student1", "student2", "basics");
                browser.screenshot(stack.screenshots().resolve("hub-instructor-gradebook.png"));

                browser.open(hub.url(PAGES + "gradebook/" + ASSIGNMENT));
                browser.await("table.standings", PAGE);
                assertThat(standings(browser)).isEqualTo(Map.of("student1", 0.5, "student2", 0.5));
                browser.screenshot(stack.screenshots().resolve("hub-instructor-assignment.png"));

                // The notebook sets v2 = 3; the instructor decides that answer is right after all.
                Path q2 = tests.resolve(ASSIGNMENT + "/tests/q2.py");
                Files.writeString(q2, Files.readString(q2).replace(">>> v2 == 2", ">>> v2 == 3"));
                browser.click(browser.await("button[data-progress]", PAGE));
                List<String> progress = new ArrayList<>();
                browser.awaitPage(GRADING, "the regrade to finish and the scores to change", b -> {
                    b.find(".actions .form-message")
                            .map(b::text)
                            .filter(t -> !t.isBlank())
                            .filter(t -> progress.isEmpty()
                                    || !progress.get(progress.size() - 1).equals(t))
                            .ifPresent(progress::add);
                    return b.find("table.standings").isPresent()
                            && standings(b).equals(Map.of("student1", 1.0, "student2", 1.0));
                });
                assertThat(progress)
                        .as("progress messages")
                        .anyMatch(m -> m.contains("queued for regrading") || m.startsWith("Regrad"));
                browser.screenshot(stack.screenshots().resolve("hub-instructor-after-regrade.png"));

                Map<String, Double> shown = standings(browser);
                String href = browser.script("return document.querySelector('.actions a.csv').href;")
                        .asText();
                String csv = browser.script(
                                "var x = new XMLHttpRequest(); x.open('GET', arguments[0], false);"
                                        + " x.send(); return x.status + '\\n' + x.responseText;",
                                href)
                        .asText();
                assertThat(csv).startsWith("200\n");
                csv = csv.substring(4);
                var export = http.get(
                        "/services/gofer/api/gradebook.csv?assignment=" + HubHttp.enc(ASSIGNMENT), instructorToken);
                assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
                assertThat(csv).isEqualTo(export.body());
                assertThat(fractions(csv)).isEqualTo(shown);

                browser.open(hub.url(PAGES + "submissions/" + student1Submission));
                browser.await("div.notebook", PAGE);
                assertThat(browser.pageText())
                        .contains("student1", "Score: 2 / 2 (100%)", "Notebook as submitted", "v2 = 3");
                browser.screenshot(stack.screenshots().resolve("hub-instructor-submission.png"));

                browser.open(hub.url(PAGES + "queue"));
                browser.await("dl.stats", PAGE);
                assertThat(browser.text(browser.await("#queued", PAGE))).isEqualTo("0");
                browser.screenshot(stack.screenshots().resolve("hub-instructor-queue.png"));
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(stack.screenshots().resolve("hub-instructor-failure.png"));
                throw new AssertionError(e.getMessage() + "\n" + hub.tail(), e);
            }
        }
    }

    private static Path notebook() {
        return LocalHub.TESTS_DIR.resolve(ASSIGNMENT + "/basics.ipynb");
    }

    /** Opens the pages signed out: Gofer sends the browser through the hub's OAuth to its login form. */
    /** Student → score as a fraction, from the assignment page's standings. */
    private static Map<String, Double> standings(HeadlessChromium browser) {
        JsonNode rows = browser.script("""
                return Array.prototype.map.call(document.querySelectorAll('table.standings tbody tr'), function (tr) {
                  return [tr.querySelector('th').textContent, tr.querySelector('td.final').textContent];
                });""");
        Map<String, Double> out = new TreeMap<>();
        rows.forEach(r -> {
            String[] score = r.get(1).asText().split("/");
            out.put(
                    r.get(0).asText().trim(),
                    Double.parseDouble(score[0].trim()) / Double.parseDouble(score[1].trim()));
        });
        return out;
    }

    /** Student → score / max_score, from the CSV. */
    private static Map<String, Double> fractions(String csv) {
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, Double> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            out.put(
                    cells[header.indexOf("student")],
                    Double.parseDouble(cells[header.indexOf("score")])
                            / Double.parseDouble(cells[header.indexOf("max_score")]));
        }
        return new TreeMap<>(out);
    }

    /**
     * Waits (bounded) until {@code done} holds. A check that runs while the page reloads itself
     * fails with a WebDriver error; that counts as "not yet".
     */
    private static void awaitGraded(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(GRADING);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read(http.get("/services/gofer/api/submissions/" + id, instructorToken)
                    .body());
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
