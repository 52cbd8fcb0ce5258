package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gofer.publication.PublicationIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages path of adding an assignment, in headless Chromium behind the real hub's login (one
 * stack: Debian's JupyterHub 3.0): the instructor uploads the demo course's otter homework as a zip
 * on the upload page, watches its solution graded in Docker to full marks on the draft's page, and
 * publishes it; a student, refused while it was a draft, then finds it on their dashboard, submits
 * the partly wrong example there and sees its score. Screenshots go to {@code target/screenshots/}.
 */
@EnabledIfHubStack(chromium = true)
class AssignmentUploadThroughHubIT {
    private static final String PAGES = "/services/gofer/pages/";
    private static final String KEY = "demo-course/fall-2026/hw01-otter";
    private static final Path DEMO = Path.of("notebooks-tests/" + KEY);
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration GRADING = Duration.ofMinutes(5);
    private static final HubStack STACK = HubStack.DEBIAN_3;

    @TempDir
    static Path dir;

    static LocalHub hub;

    @BeforeAll
    static void startHub() throws Exception {
        STACK.assumeInstalled();
        Path tests = LocalHub.copyTests(dir.resolve("notebooks-tests"));
        hub = LocalHub.start(STACK, dir.resolve("hub"), Map.of("GOFER_TESTS_DIR", tests.toString()));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void anInstructorUploadsValidatesAndPublishesThenAStudentSubmits() throws Exception {
        Path zip = Files.write(dir.resolve("hw01-otter.zip"), PublicationIT.zipOf(DEMO));
        HubHttp http = new HubHttp(hub);
        String studentToken =
                http.mintToken("student1", hub.password).get("token").asText();
        Path shots = STACK.screenshots();

        try (HeadlessChromium browser = new HeadlessChromium(Files.createDirectories(dir.resolve("instructor")))) {
            try {
                hub.signInToGoferPages(browser, LocalHub.INSTRUCTOR, PAGE);
                browser.click(browser.await("a[href$='pages/assignments-new']", PAGE));
                browser.type(browser.await("#draft-form input[name=key]", PAGE), KEY);
                browser.type(browser.await("#draft-form input[name=archive]", PAGE), zip.toString());
                browser.screenshot(shots.resolve("hub-upload-form.png"));
                browser.click(browser.await("#draft-form button", PAGE));

                browser.awaitPage(
                        GRADING,
                        "the solution graded on the draft's page",
                        b -> b.currentUrl().contains(PAGES + "publication/" + KEY)
                                && b.find("#validation[data-verdict=passed]").isPresent());
                assertThat(browser.pageText())
                        .contains("draft", "examples/solution.ipynb", "full marks", "12 / 12", "q1", "q2", "q3")
                        .doesNotContain("partly-wrong");
                browser.screenshot(shots.resolve("hub-upload-validated.png"));

                var refused = http.postJson(
                        "/services/gofer/submit",
                        studentToken,
                        Map.of(
                                "nb",
                                HubHttp.JSON.readValue(
                                        Files.readString(DEMO.resolve("examples/solution.ipynb")), Map.class)),
                        Map.of());
                assertThat(refused.statusCode()).as("a draft, for a student").isEqualTo(400);

                browser.click(browser.await("#publish", PAGE));
                browser.awaitPage(PAGE, "published", b -> b.find("#unpublish").isPresent());
                assertThat(browser.pageText()).contains("published", "publish");
                browser.screenshot(shots.resolve("hub-upload-published.png"));
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(shots.resolve("hub-upload-instructor-failure.png"));
                throw new AssertionError(e.getMessage() + "\n" + hub.tail(), e);
            }
        }

        try (HeadlessChromium browser = new HeadlessChromium(Files.createDirectories(dir.resolve("student1")))) {
            try {
                hub.signInToGoferPages(browser, "student1", PAGE);
                browser.await("table.assignments", PAGE);
                assertThat(browser.pageText()).contains("Homework 1: Arrays and Tables");
                browser.click(browser.await("table.assignments a[href$='assignments/" + KEY + "']", PAGE));
                browser.type(
                        browser.await("#upload-form input[type=file]", PAGE),
                        DEMO.resolve("examples/partly-wrong.ipynb")
                                .toAbsolutePath()
                                .toString());
                browser.click(browser.await("#upload-form button", PAGE));
                browser.awaitPage(
                        GRADING,
                        "the submission graded",
                        b -> b.currentUrl().contains(PAGES + "submissions/")
                                && b.find("section.feedback p.score").isPresent());
                assertThat(browser.pageText()).contains("student1", "graded");
                browser.screenshot(shots.resolve("hub-upload-student-graded.png"));
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(shots.resolve("hub-upload-student-failure.png"));
                throw new AssertionError(e.getMessage() + "\n" + hub.tail(), e);
            }
        }
    }
}
