package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gofer.hub.HubHttp.read;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.lti.LaunchSigner;
import org.gofer.lti.OutcomePeer;
import org.gofer.publication.PublicationIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A course's whole week in headless Chromium behind the real hub login (Debian's JupyterHub 3.0),
 * grading in Docker, grades passed back to a stand-in LMS outcome service that checks OAuth with
 * oauthlib:
 *
 * <ol>
 *   <li>the instructor uploads the demo homework (due an hour ago, 25 % off per started day late)
 *       on the upload page, sees its solution graded to full marks, and publishes it;
 *   <li>student1, enrolled in the course through the hub group {@code course-demo-course}, came from
 *       the LMS (an LTI launch), submits the partly wrong notebook late on the assignment page and
 *       sees 5 / 12 become 2 / 12 with the penalty named;
 *   <li>student2, of another course, does not see the assignment and is refused when submitting;
 *   <li>the instructor grants student1 an extension and overrides the score to 10 on the student's
 *       page;
 *   <li>the CSV and the LMS both end with the overridden final score, 10 / 12.
 * </ol>
 */
@EnabledIfHubStack(chromium = true)
class CourseWorkflowThroughHubIT {
    private static final String PAGES = "/services/gofer/pages/";
    private static final String KEY = "demo-course/fall-2026/hw01-otter";
    private static final Path DEMO = Path.of("notebooks-tests/" + KEY);
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration GRADING = Duration.ofMinutes(5);
    private static final Duration PASSBACK = Duration.ofMinutes(2);
    private static final HubStack STACK = HubStack.DEBIAN_3;
    private static final String LTI_KEY = "edx";
    private static final String LTI_SECRET = "edx-secret-for-the-course-test";
    /** Passback sends four decimals (PassbackScore), as edX keeps them. */
    private static final double LMS_PRECISION = 0.00005;

    @TempDir
    static Path dir;

    static LocalHub hub;
    static HubHttp http;
    static OutcomePeer lms;
    static Path upload;

    @BeforeAll
    static void startHubWithARosteredCourse() throws Exception {
        STACK.assumeInstalled();
        Path tests = LocalHub.copyTests(dir.resolve("notebooks-tests"));
        Files.writeString(
                Files.createDirectories(tests.resolve("demo-course")).resolve("course.json"),
                "{\"title\": \"Demo course\", \"enrollment\": \"roster\"}");
        upload = lateCopyOfTheDemo(dir.resolve("upload/hw01-otter"));
        lms = OutcomePeer.start(LTI_KEY, LTI_SECRET, 0);
        hub = LocalHub.start(
                STACK,
                dir.resolve("hub"),
                Map.of(
                        "GOFER_TESTS_DIR",
                        tests.toString(),
                        "GOFER_HUB_GROUPS",
                        "course-demo-course=student1;course-other=student2",
                        "GOFER_PUBLIC_URL",
                        "{hub}/",
                        "GOFER_LTI_CONSUMERS",
                        LTI_KEY + ":" + LTI_SECRET));
        http = new HubHttp(hub);
    }

    /** The demo homework as an instructor would upload it this week: due an hour ago, penalised. */
    private static Path lateCopyOfTheDemo(Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.walk(DEMO)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(DEMO.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        Instant due = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String json = Files.readString(to.resolve("assignment.json"))
                .replaceFirst(
                        "\"deadline\": \"[^\"]*\"",
                        "\"due_at\": \"" + due + "\", \"late_policy\": {\"penalty_percent\": 25, \"per\": \"day\", "
                                + "\"cutoff_after\": \"P7D\"}");
        assertThat(json).contains("late_policy");
        Files.writeString(to.resolve("assignment.json"), json);
        return to;
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (lms != null) {
            lms.close();
        }
    }

    @Test
    void uploadPublishLateSubmissionOtherCourseExtensionOverrideCsvAndLms() throws Exception {
        Path shots = STACK.screenshots();
        String instructorToken =
                http.mintToken(LocalHub.INSTRUCTOR, hub.password).get("token").asText();
        String otherToken =
                http.mintToken("student2", hub.password).get("token").asText();
        Path zip = Files.write(dir.resolve("hw01-otter.zip"), PublicationIT.zipOf(upload));

        try (HeadlessChromium instructor = new HeadlessChromium(Files.createDirectories(dir.resolve("instructor")));
                HeadlessChromium student = new HeadlessChromium(Files.createDirectories(dir.resolve("student1")));
                HeadlessChromium other = new HeadlessChromium(Files.createDirectories(dir.resolve("student2")))) {
            try {
                // 1. upload, validate, publish
                hub.signInToGoferPages(instructor, LocalHub.INSTRUCTOR, PAGE);
                instructor.click(instructor.await("a[href$='pages/assignments-new']", PAGE));
                instructor.type(instructor.await("#draft-form input[name=key]", PAGE), KEY);
                instructor.type(instructor.await("#draft-form input[name=archive]", PAGE), zip.toString());
                instructor.click(instructor.await("#draft-form button", PAGE));
                instructor.awaitPage(
                        GRADING,
                        "the solution graded on the draft's page",
                        b -> b.find("#validation[data-verdict=passed]").isPresent());
                assertThat(instructor.pageText()).contains("full marks", "12 / 12");
                instructor.click(instructor.await("#publish", PAGE));
                instructor.awaitPage(
                        PAGE, "published", b -> b.find("#unpublish").isPresent());
                instructor.screenshot(shots.resolve("course-published.png"));
                // hidden results are part of the score the student is shown and the LMS gets
                var released = http.postJson(
                        "/services/gofer/api/assignments/" + KEY + "/release",
                        instructorToken,
                        Map.of("released", true),
                        Map.of());
                assertThat(released.statusCode()).as(released.body()).isBetween(200, 204);

                // 2. student1 arrives from the LMS and submits late on the pages
                launchFromTheLms("student1");
                hub.signInToGoferPages(student, "student1", PAGE);
                student.await("table.assignments", PAGE);
                assertThat(student.pageText()).contains("Homework 1: Arrays and Tables");
                student.open(hub.url(PAGES + "assignments/" + KEY));
                student.type(
                        student.await("#upload-form input[type=file]", PAGE),
                        DEMO.resolve("examples/partly-wrong.ipynb")
                                .toAbsolutePath()
                                .toString());
                student.click(student.await("#upload-form button", PAGE));
                student.awaitPage(
                        GRADING,
                        "the late submission graded",
                        b -> b.currentUrl().contains(PAGES + "submissions/")
                                && b.find("section.feedback p.score").isPresent());
                student.open(hub.url(PAGES + "assignments/" + KEY));
                assertThat(student.text(student.await("p.counted .final-score", PAGE)))
                        .isEqualTo("2 / 12");
                assertThat(student.pageText()).contains("late penalty", "25 % of the points per started day late");
                student.screenshot(shots.resolve("course-student-late.png"));

                // 3. a student of another course neither sees it nor may submit to it
                hub.signInToGoferPages(other, "student2", PAGE);
                other.await("main", PAGE);
                assertThat(other.pageText()).doesNotContain("Homework 1: Arrays and Tables");
                other.open(hub.url(PAGES + "assignments/" + KEY));
                other.awaitPage(PAGE, "refused", b -> b.pageText().contains("not enrolled"));
                other.screenshot(shots.resolve("course-other-student.png"));
                var refused = http.postJson(
                        "/services/gofer/submit",
                        otherToken,
                        Map.of(
                                "nb",
                                HubHttp.JSON.readValue(
                                        Files.readString(DEMO.resolve("examples/solution.ipynb")), Map.class)),
                        Map.of());
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
                assertThat(read(refused.body()).path("error").asText()).contains("not enrolled");

                // 4. extension, then override, on the student's page
                instructor.open(hub.url(PAGES + "gradebook/" + KEY + "/students/student1"));
                instructor.type(
                        instructor.await("#extension-form input[name=due_at]", PAGE),
                        Instant.now()
                                .plus(1, ChronoUnit.DAYS)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString());
                instructor.type(instructor.await("#extension-form input[name=reason]", PAGE), "illness");
                instructor.click(instructor.await("#extension-form button", PAGE));
                instructor.awaitPage(
                        PAGE,
                        "the extension granted",
                        b -> b.find("p.extension").isPresent());
                instructor.type(instructor.await("#override-form input[name=points]", PAGE), "10");
                instructor.type(instructor.await("#override-form input[name=reason]", PAGE), "regraded q2 by hand");
                instructor.click(instructor.await("#override-form button", PAGE));
                instructor.awaitPage(PAGE, "the override set", b -> b.pageText().contains("override set"));
                assertThat(instructor.pageText()).contains("10 / 12", "regraded q2 by hand", "illness");
                instructor.screenshot(shots.resolve("course-instructor-override.png"));

                student.open(hub.url(PAGES + "assignments/" + KEY));
                assertThat(student.text(student.await("p.counted .final-score", PAGE)))
                        .isEqualTo("10 / 12");
            } catch (AssertionError | RuntimeException e) {
                instructor.screenshot(shots.resolve("course-instructor-failure.png"));
                student.screenshot(shots.resolve("course-student-failure.png"));
                other.screenshot(shots.resolve("course-other-failure.png"));
                throw new AssertionError(e.getMessage() + "\n" + hub.tail(), e);
            }
        }

        // 5. the CSV and the LMS agree on the overridden final score
        HttpResponse<String> csv =
                http.get("/services/gofer/api/gradebook.csv?assignment=" + HubHttp.enc(KEY), instructorToken);
        assertThat(csv.statusCode()).isEqualTo(200);
        Map<String, String> row = csvRow(csv.body(), "student1");
        assertThat(row.get("score")).isEqualTo("10");
        assertThat(row.get("raw_score")).isEqualTo("5");
        assertThat(row.get("overridden")).isEqualTo("yes");
        assertThat(csv.body()).doesNotContain("student2");

        Instant deadline = Instant.now().plus(PASSBACK);
        Optional<Double> last = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            List<String> scores = lms.acceptedScores();
            last = scores.isEmpty() ? Optional.empty() : Optional.of(Double.parseDouble(scores.get(scores.size() - 1)));
            if (last.isPresent() && Math.abs(last.get() - 10.0 / 12) <= LMS_PRECISION) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(last)
                .as("the LMS's last accepted score, of %s", lms.received())
                .isPresent();
        assertThat(last.get()).isCloseTo(10.0 / 12, within(LMS_PRECISION));
    }

    /** A signed LTI 1.1 launch for the assignment, as edX posts it, through the hub's proxy. */
    private static void launchFromTheLms(String user) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("lti_message_type", "basic-lti-launch-request");
        p.put("lti_version", "LTI-1p0");
        p.put("resource_link_id", "block-v1:Demo+hw01");
        p.put("user_id", user);
        p.put("roles", "Student");
        p.put("context_id", "course-v1:Demo+2026");
        p.put("lis_outcome_service_url", lms.outcomeUrl());
        p.put("lis_result_sourcedid", "course-v1:Demo+2026:hw01:" + user);
        p.put("custom_gofer_assignment", KEY);
        String launchUrl = hub.url("/services/gofer/lti/launch").toString();
        String form = LaunchSigner.sign(launchUrl, LTI_KEY, LTI_SECRET, p);
        HttpResponse<String> r = http.send(http.request(launchUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 399);
    }

    /** The row of {@code student} in a CSV without quoted commas (the user and key need none). */
    private static Map<String, String> csvRow(String csv, String student) {
        String[] lines = csv.split("\r?\n");
        List<String> header = Arrays.asList(lines[0].split(",", -1));
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            if (cells[0].equals(student)) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < cells.length; i++) {
                    row.put(header.get(i), cells[i]);
                }
                return row;
            }
        }
        throw new AssertionError("no row for " + student + " in\n" + csv);
    }
}
