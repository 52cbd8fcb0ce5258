package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages in headless Chromium, signed in through the (stand-in) hub's OAuth behind one
 * origin, as a student and as an instructor. Screenshots go to target/screenshots/. Skipped when
 * Debian's chromium and chromium-driver are not installed.
 */
class PagesBrowserIT {
    static final Path SHOTS = Path.of("target/screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    PagesFixture gofer;
    FrontProxy proxy;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Chromium.available(), "Debian's chromium and chromium-driver are not installed");
        gofer = new PagesFixture(dir, true);
        proxy = new FrontProxy(gofer.hub.origin(), "http://127.0.0.1:" + gofer.server.port());
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (gofer != null) {
            gofer.close();
        }
    }

    String page(String relative) {
        return proxy.origin() + PagesFixture.PREFIX + relative;
    }

    @Test
    void aStudentUploadsWatchesTheGradeArriveAndSeesOnlyTheirOwnWork() throws Exception {
        long bob = gofer.submit(PagesFixture.BOB, "x = 1\ny = 2");
        gofer.awaitIdle();
        Path upload = dir.resolve("lab01.ipynb");
        Files.writeString(upload, PagesFixture.notebook("x = 1"));
        gofer.hub.signIn("alice");
        try (Chromium browser = new Chromium(Files.createDirectories(dir.resolve("alice")))) {
            browser.open(page(""));
            browser.await("table.assignments", WAIT);
            assertThat(browser.pageText()).contains("alice", "Lab 1: <Expressions>", "not submitted");
            browser.screenshot(SHOTS.resolve("student-dashboard.png"));

            browser.open(page("pages/assignments/c8/s1/lab01"));
            browser.type(browser.await("#upload-form input[type=file]", WAIT), upload.toString());
            browser.screenshot(SHOTS.resolve("student-assignment.png"));
            browser.click(browser.await("#upload-form button", WAIT));
            browser.await("section.feedback p.score", WAIT);
            assertThat(browser.url()).contains("/pages/submissions/");
            assertThat(browser.pageText()).contains("Visible tests: 1 / 1", "1 hidden test", "q1 passed")
                    .doesNotContain("SECRET-DETAIL");
            browser.screenshot(SHOTS.resolve("student-submission.png"));

            browser.open(page("pages/assignments/c8/s1/lab01"));
            browser.await("table.submissions", WAIT);
            browser.screenshot(SHOTS.resolve("student-assignment-history.png"));

            browser.open(page("pages/submissions/" + bob));
            assertThat(browser.pageText()).contains("belongs to another user").doesNotContain("y = 2");
            browser.screenshot(SHOTS.resolve("student-other-submission-403.png"));
        }
    }

    @Test
    void anInstructorRegradesAnAssignmentAndDownloadsTheCsv() throws Exception {
        gofer.submit(PagesFixture.ALICE, "x = 1");
        long bob = gofer.submit(PagesFixture.BOB, "x = 2");
        gofer.awaitIdle();
        gofer.hub.signIn("prof");
        try (Chromium browser = new Chromium(Files.createDirectories(dir.resolve("prof")))) {
            browser.open(page("pages/gradebook"));
            browser.await("table.gradebook", WAIT);
            assertThat(browser.pageText()).contains("alice", "bob", "2 students");
            browser.screenshot(SHOTS.resolve("instructor-gradebook.png"));

            browser.open(page("pages/gradebook/c8/s1/lab01"));
            browser.await("figure.histogram svg", WAIT);
            assertThat(browser.pageText()).contains("bob\t0 / 2");
            browser.screenshot(SHOTS.resolve("instructor-assignment.png"));

            gofer.writeTest("q1", "x = ", false);
            browser.click(browser.await("button[data-progress]", WAIT));
            browser.await(".form-message[data-done]", WAIT);
            browser.screenshot(SHOTS.resolve("instructor-regrade-progress.png"));
            Thread.sleep(1500);
            browser.await("table.standings", WAIT);
            assertThat(browser.pageText()).contains("bob\t1 / 2");
            browser.screenshot(SHOTS.resolve("instructor-assignment-after-regrade.png"));

            String href = browser.attribute(browser.await("a.csv", WAIT), "href");
            String csv = browser.script("var x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send();"
                    + " return x.responseText;", href).asText();
            StringWriter expected = new StringWriter();
            gofer.gradebook.exportCsv(expected, Optional.of(PagesFixture.LAB));
            assertThat(csv).isEqualTo(expected.toString());

            browser.open(page("pages/submissions/" + bob));
            browser.await("div.notebook", WAIT);
            assertThat(browser.pageText()).contains("Container log", "SECRET-DETAIL-q2", "<b>printed</b>");
            browser.screenshot(SHOTS.resolve("instructor-submission.png"));

            browser.open(page("pages/queue"));
            browser.await("dl.stats", WAIT);
            browser.screenshot(SHOTS.resolve("instructor-queue.png"));
        }
    }
}
