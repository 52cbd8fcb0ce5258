package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Courses behind the real hub login, in headless Chromium, on one hub stack (the first installed):
 * courses A and B admit only their members (their course.json says {@code "enrollment": "roster"}),
 * who come from the hub's groups {@code course-A}, {@code course-B} and {@code course-A-staff}.
 * student1 takes A, student2 takes B, ta1 is staff of A. Screenshots go to
 * {@code target/screenshots/courses-*.png}.
 */
@EnabledIfHubStack(chromium = true)
class CoursesThroughHubIT {
    private static final Duration PAGE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static LocalHub hub;
    static HubHttp http;

    @BeforeAll
    static void startHubWithTwoRestrictedCourses() throws Exception {
        HubStack stack = Arrays.stream(HubStack.values())
                .filter(s -> s.unavailable().isEmpty())
                .findFirst()
                .orElseThrow();
        Path tests = dir.resolve("notebooks-tests");
        for (String course : new String[] {"A", "B"}) {
            Path lab = Files.createDirectories(tests.resolve(course + "/s1/lab1/tests"));
            Files.writeString(lab.resolve("q1.py"), "test = {'name': 'q1', 'points': 1, 'suites': []}\n");
            Files.writeString(
                    lab.getParent().resolve("assignment.json"), "{\"title\": \"Lab of course " + course + "\"}");
            Files.writeString(tests.resolve(course + "/course.json"), "{\"enrollment\": \"roster\"}");
        }
        hub = LocalHub.start(
                stack,
                dir.resolve("hub"),
                Map.of(
                        "GOFER_TESTS_DIR", tests.toString(),
                        "GOFER_STUDENTS", "student1,student2,ta1",
                        "GOFER_HUB_GROUPS", "course-A=student1;course-B=student2;course-A-staff=ta1"));
        http = new HubHttp(hub);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private static Path screenshot(String name) throws Exception {
        return Files.createDirectories(LocalHub.ROOT.resolve("target/screenshots"))
                .resolve(name);
    }

    @Test
    void aStudentOfASeesAsAssignmentAndNotBs() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(Files.createDirectories(dir.resolve("student1")))) {
            hub.signInToGoferPages(browser, "student1", PAGE);
            browser.await("table.assignments", PAGE);
            browser.screenshot(screenshot("courses-student-of-a.png"));

            assertThat(browser.pageText()).contains("Lab of course A").doesNotContain("Lab of course B");
            browser.open(hub.url("/services/gofer/pages/assignments/B/s1/lab1"));
            browser.awaitPage(PAGE, "the refusal", b -> b.pageText().contains("not enrolled"));
            assertThat(browser.pageText()).contains("you are not enrolled in course B");
        }
    }

    @Test
    void aStudentOfBIsRefusedWhenSubmittingToA() throws Exception {
        String token = http.mintToken("student2", hub.password).get("token").asText();
        String notebook = """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"gofer": {"course": "%s", "section": "s1", "assignment": "lab1"}},
                 "cells": [{"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": []}]}""";

        var refused = http.postJson(
                "/services/gofer/submit", token, HubHttp.JSON.readTree(notebook.formatted("A")), Map.of());
        var accepted = http.postJson(
                "/services/gofer/submit", token, HubHttp.JSON.readTree(notebook.formatted("B")), Map.of());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("you are not enrolled in course A");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    @Test
    void staffOfACannotOpenBsGradebook() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(Files.createDirectories(dir.resolve("ta1")))) {
            hub.signInToGoferPages(browser, "ta1", PAGE);
            assertThat(browser.text(browser.await("header .who", PAGE))).contains("course staff");

            browser.open(hub.url("/services/gofer/pages/gradebook/A/s1/lab1"));
            browser.awaitPage(PAGE, "A's gradebook", b -> b.pageText().contains("Lab of course A"));
            browser.screenshot(screenshot("courses-staff-gradebook-a.png"));
            browser.open(hub.url("/services/gofer/pages/gradebook/B/s1/lab1"));
            browser.awaitPage(PAGE, "the refusal", b -> b.pageText().contains("only instructors and staff"));

            assertThat(browser.pageText()).contains("only instructors and staff of course B may see its gradebook");
            browser.open(hub.url("/services/gofer/pages/gradebook"));
            browser.awaitPage(PAGE, "the gradebook of A", b -> b.pageText().contains("Courses"));
            assertThat(browser.pageText()).contains("Lab of course A").doesNotContain("Lab of course B");
        }
    }

    @Test
    void staffOfAUploadTheRosterOnTheCoursePage() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad-roster.csv"), "username,role\nstudent1,grader\n");
        Path good = Files.writeString(dir.resolve("roster.csv"), "username,role\nstudent1,student\nta1,staff\n");
        try (HeadlessChromium browser = new HeadlessChromium(Files.createDirectories(dir.resolve("ta1-roster")))) {
            hub.signInToGoferPages(browser, "ta1", PAGE);
            browser.open(hub.url("/services/gofer/pages/courses/A"));
            browser.await("#roster-form", PAGE);
            assertThat(browser.pageText()).contains("Restricted").contains("none uploaded");

            browser.type(browser.await("#roster-form input[type=file]", PAGE), bad.toString());
            browser.click(browser.await("#roster-form button", PAGE));
            browser.awaitPage(PAGE, "the refusal", b -> b.pageText().contains("Roster not changed"));
            assertThat(browser.pageText()).contains("line 2: unknown role 'grader'");

            browser.type(browser.await("#roster-form input[type=file]", PAGE), good.toString());
            browser.click(browser.await("#roster-form button", PAGE));
            browser.awaitPage(PAGE, "the new roster", b -> b.pageText().contains("uploaded by ta1"));
            browser.screenshot(screenshot("courses-roster.png"));
            assertThat(browser.pageText()).contains("1 students and 1 staff");
        }
    }
}
