package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.hub.HubHttp.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late penalty, extension and override in headless Chromium behind the real hub login (Debian's
 * JupyterHub 3.0 only): a student's late submission shows its penalty on their assignment page;
 * the instructor grants an extension and overrides the score on the student's page; the student
 * then sees the new final score. Grading runs in Docker.
 */
@EnabledIfHubStack(chromium = true)
class GradesThroughHubIT {
    private static final String PAGES = "/services/gofer/pages/";
    private static final String ASSIGNMENT = "hubdemo/s1/basics";
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration GRADING = Duration.ofMinutes(4);
    private static final HubStack STACK = HubStack.DEBIAN_3;

    @TempDir
    static Path dir;

    static LocalHub hub;
    static HubHttp http;

    @BeforeAll
    static void startHubWithALateSubmission() throws Exception {
        STACK.assumeInstalled();
        Path tests = LocalHub.copyTests(dir.resolve("notebooks-tests"));
        // due two hours ago, 25 % per started day: the 1 / 2 the notebook earns counts 0.5
        Instant due = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Files.writeString(tests.resolve(ASSIGNMENT + "/assignment.json"), """
                {"due_at": "%s", "late_policy": {"penalty_percent": 25, "per": "day", "cutoff_after": "P7D"}}""".formatted(due));
        hub = LocalHub.start(STACK, dir.resolve("hub"), Map.of("GOFER_TESTS_DIR", tests.toString()));
        http = new HubHttp(hub);
        String token = http.mintToken("student1", hub.password).get("token").asText();
        var accepted = http.postJson(
                "/services/gofer/submit",
                token,
                Map.of(
                        "nb",
                        HubHttp.JSON.readValue(
                                Files.readString(LocalHub.TESTS_DIR.resolve(ASSIGNMENT + "/basics.ipynb")), Map.class)),
                Map.of());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        long id = read(accepted.body()).get("id").asLong();
        Instant deadline = Instant.now().plus(GRADING);
        String status = "";
        while (Instant.now().isBefore(deadline) && !status.equals("graded")) {
            status = read(http.get("/services/gofer/api/submissions/" + id, token)
                            .body())
                    .path("status")
                    .asText();
            assertThat(status).isNotEqualTo("failed");
            Thread.sleep(500);
        }
        assertThat(status).as(hub.tail()).isEqualTo("graded");
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aLatePenaltyAnExtensionAndAnOverrideReachTheStudentsPage() throws Exception {
        Path shots = STACK.screenshots();
        try (HeadlessChromium student = new HeadlessChromium(Files.createDirectories(dir.resolve("student1")));
                HeadlessChromium instructor =
                        new HeadlessChromium(Files.createDirectories(dir.resolve("instructor")))) {
            try {
                hub.signInToGoferPages(student, "student1", PAGE);
                student.open(hub.url(PAGES + "assignments/" + ASSIGNMENT));
                student.await("table.submissions", PAGE);
                assertThat(student.pageText())
                        .contains("late", "−0.5 late penalty", "25 % of the points per started day late")
                        .contains("0.5 / 2");
                student.screenshot(shots.resolve("grades-student-late.png"));

                hub.signInToGoferPages(instructor, LocalHub.INSTRUCTOR, PAGE);
                instructor.open(hub.url(PAGES + "gradebook/" + ASSIGNMENT + "/students/student1"));
                instructor.await("#extension-form", PAGE);
                assertThat(instructor.pageText()).contains("Raw score", "1 / 2", "Late penalty", "0.5");
                instructor.type(
                        instructor.await("#extension-form input[name=due_at]", PAGE),
                        Instant.now()
                                .plus(1, ChronoUnit.DAYS)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString());
                instructor.type(instructor.await("#extension-form input[name=reason]", PAGE), "doctor's note");
                instructor.click(instructor.await("#extension-form button", PAGE));
                instructor.awaitPage(
                        PAGE,
                        "the extension granted",
                        b -> b.find("p.extension").isPresent());
                assertThat(instructor.pageText()).contains("extension granted", "doctor's note");

                instructor.type(instructor.await("#override-form input[name=points]", PAGE), "1.5");
                instructor.type(instructor.await("#override-form input[name=reason]", PAGE), "partial credit on q2");
                instructor.click(instructor.await("#override-form button", PAGE));
                instructor.awaitPage(PAGE, "the override set", b -> b.pageText().contains("override set"));
                assertThat(instructor.pageText()).contains("1.5 / 2", "partial credit on q2");
                instructor.screenshot(shots.resolve("grades-instructor-student.png"));

                student.open(hub.url(PAGES + "assignments/" + ASSIGNMENT));
                student.await("p.counted", PAGE);
                assertThat(student.text(student.await("p.counted .final-score", PAGE)))
                        .isEqualTo("1.5 / 2");
                assertThat(student.pageText()).contains("Your extension").doesNotContain("late penalty");
                student.screenshot(shots.resolve("grades-student-after.png"));
            } catch (AssertionError | RuntimeException e) {
                student.screenshot(shots.resolve("grades-student-failure.png"));
                instructor.screenshot(shots.resolve("grades-instructor-failure.png"));
                throw new AssertionError(e.getMessage() + "\n" + hub.tail(), e);
            }
        }
    }
}
