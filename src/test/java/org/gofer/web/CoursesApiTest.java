package org.gofer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.web.WebFixture.ALICE;
import static org.gofer.web.WebFixture.PROF;
import static org.gofer.web.WebFixture.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Courses through the real service (stand-in hub, real gradebook file): course A is restricted by
 * the roster its staff upload, course B by its course.json with members from hub groups, c8 stays
 * open. Alice (no course groups) is the walk-in student.
 */
class CoursesApiTest {
    static final String STAFF_A = "staff-a-token-1";
    static final String STUDENT_A = "student-a-token-2";
    static final String STUDENT_B = "student-b-token-3";
    static final String ROSTER = "username,role\nstu-a,student\nstaff-a,staff\n";

    @TempDir
    Path dir;

    WebFixture web;

    @BeforeEach
    void start() {
        web = new WebFixture(dir, Duration.ofSeconds(30));
        List<String> access = List.of("access:services!service=gofer");
        web.hub.addToken(STAFF_A, "staff-a", false, List.of("course-A-staff"), access);
        web.hub.addToken(STUDENT_A, "stu-a", false, List.of(), access);
        web.hub.addToken(STUDENT_B, "stu-b", false, List.of("course-B"), access);
        Path tests = dir.resolve("tests");
        WebFixture.write(tests.resolve("A/s1/lab1/tests/q1.py"), "test = {'name': 'q1', 'points': 1}\n");
        WebFixture.write(tests.resolve("B/s1/lab1/tests/q1.py"), "test = {'name': 'q1', 'points': 1}\n");
        WebFixture.write(tests.resolve("B/course.json"), "{\"title\": \"Course B\", \"enrollment\": \"roster\"}");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private HttpResponse<String> putRoster(String course, String token, String csv) {
        return web.send(web.request("api/courses/" + course + "/roster")
                .header("Authorization", "token " + token)
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv))
                .build());
    }

    private List<String> members(String course) {
        return web.jdbi.withHandle(h -> h.createQuery(
                        "SELECT username || ':' || role FROM course_members WHERE course = ? ORDER BY username")
                .bind(0, course)
                .mapTo(String.class)
                .list());
    }

    @Test
    void courseStaffUploadTheRosterAndTheCourseBecomesRestricted() {
        HttpResponse<String> res = putRoster("A", STAFF_A, ROSTER);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = web.body(res);
        assertThat(body.path("restricted").asBoolean()).isTrue();
        assertThat(body.path("uploaded_by").asText()).isEqualTo("staff-a");
        assertThat(body.path("students").asInt()).isEqualTo(1);
        assertThat(body.path("staff").asInt()).isEqualTo(1);
        assertThat(members("A")).containsExactly("staff-a:staff", "stu-a:student");
        assertThat(web.body(web.get("api/courses/A/roster", PROF)).path("members"))
                .hasSize(2);
    }

    @Test
    void onlyInstructorsAndTheCoursesStaffMayTouchItsRoster() {
        assertThat(putRoster("A", ALICE, ROSTER).statusCode()).isEqualTo(403);
        assertThat(putRoster("B", STAFF_A, ROSTER).statusCode()).isEqualTo(403);
        assertThat(web.get("api/courses/B/roster", STAFF_A).statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = putRoster("C", PROF, ROSTER);
        assertThat(unknown.statusCode())
                .as("a course the tests directory does not have")
                .isEqualTo(404);
        assertThat(web.body(unknown).path("error").asText()).contains("no course C");
        assertThat(members("C")).isEmpty();
        assertThat(putRoster("B", PROF, "username,role\nstu-b,student\n").statusCode())
                .isEqualTo(200);
        assertThat(members("A")).isEmpty();
    }

    static Stream<Arguments> badRosters() {
        return Stream.of(
                Arguments.of("no header", "stu-a,student\n", 400, "line 1"),
                Arguments.of("unknown role", "username,role\nnew1,student\nnew2,grader\n", 400, "line 3: unknown role"),
                Arguments.of("bad username", "username,role\nnew1,student\n<script>,student\n", 400, "line 3"),
                Arguments.of("listed twice", "username,role\nnew1,student\nnew1,staff\n", 400, "line 3"),
                // Beyond the service's body limit (64 KiB here) before the roster's own 1 MiB (RosterCsvTest).
                Arguments.of(
                        "too big",
                        "username,role\n" + "x,student\n".repeat(1024 * 1024 / 10 + 1),
                        413,
                        "larger than the limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRosters")
    void aBadRosterIsRefusedWithTheLineAndChangesNothing(String what, String csv, int status, String message) {
        putRoster("A", STAFF_A, ROSTER);
        String before = web.jdbi.withHandle(
                h -> h.createQuery("SELECT uploaded_by || '@' || uploaded_at FROM course_rosters WHERE course = 'A'")
                        .mapTo(String.class)
                        .one());

        HttpResponse<String> res = putRoster("A", PROF, csv);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(web.body(res).path("error").asText()).contains(message);
        assertThat(members("A")).containsExactly("staff-a:staff", "stu-a:student");
        String after = web.jdbi.withHandle(
                h -> h.createQuery("SELECT uploaded_by || '@' || uploaded_at FROM course_rosters WHERE course = 'A'")
                        .mapTo(String.class)
                        .one());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aStudentNotEnrolledIsRefusedAtIntakeAndNothingIsStored() {
        putRoster("A", STAFF_A, ROSTER);

        HttpResponse<String> refused = web.postJson("submit", STUDENT_B, notebook("A", "s1", "lab1"));
        HttpResponse<String> walkIn = web.postJson("submit", ALICE, notebook("B", "s1", "lab1"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(web.body(refused).path("error").asText()).contains("you are not enrolled in course A");
        assertThat(walkIn.statusCode()).as(walkIn.body()).isEqualTo(403);
        assertThat(web.submissionRows()).isZero();
        assertThat(web.storedFiles()).isZero();

        assertThat(web.postJson("submit", STUDENT_A, notebook("A", "s1", "lab1"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(web.postJson("submit", STUDENT_B, notebook("B", "s1", "lab1"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(web.postJson("submit", STUDENT_B, notebook("c8", "s1", "lab01"))
                        .statusCode())
                .as("an open course takes every hub user")
                .isEqualTo(202);
        assertThat(web.submissionRows()).isEqualTo(3);
    }

    @Test
    void studentsListOnlyTheAssignmentsOfCoursesTheyMayTake() {
        putRoster("A", STAFF_A, ROSTER);

        assertThat(assignments(STUDENT_A)).containsExactly("A/s1/lab1", "c8/s1/lab01");
        assertThat(assignments(STUDENT_B)).containsExactly("B/s1/lab1", "c8/s1/lab01");
        assertThat(assignments(ALICE)).containsExactly("c8/s1/lab01");
        assertThat(assignments(PROF)).containsExactly("A/s1/lab1", "B/s1/lab1", "c8/s1/lab01");
        assertThat(web.get("api/assignments/B/s1/lab1", STUDENT_A).statusCode()).isEqualTo(403);
        assertThat(web.get("pages/assignments/B/s1/lab1", STUDENT_A).statusCode())
                .isEqualTo(403);
        assertThat(web.get("api/assignments/A/s1/lab9", STUDENT_A).statusCode()).isEqualTo(404);
    }

    private List<String> assignments(String token) {
        HttpResponse<String> res = web.get("api/assignments", token);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return web.body(res).path("assignments").findValuesAsText("assignment");
    }

    @Test
    void staffOfOneCourseAreNotInstructorsOfAnother() {
        putRoster("A", STAFF_A, ROSTER);
        long a = web.body(web.postJson("submit", STUDENT_A, notebook("A", "s1", "lab1")))
                .path("id")
                .asLong();
        long b = web.body(web.postJson("submit", STUDENT_B, notebook("B", "s1", "lab1")))
                .path("id")
                .asLong();

        assertThat(web.get("api/submissions/" + a, STAFF_A).statusCode()).isEqualTo(200);
        assertThat(web.get("api/submissions/" + b, STAFF_A).statusCode()).isEqualTo(403);
        assertThat(web.get("pages/gradebook/A/s1/lab1", STAFF_A).statusCode()).isEqualTo(200);
        assertThat(web.get("pages/gradebook/B/s1/lab1", STAFF_A).statusCode()).isEqualTo(403);
        assertThat(web.get("api/gradebook.csv?course=B", STAFF_A).statusCode()).isEqualTo(403);
        assertThat(web.get("api/gradebook.csv?assignment=B/s1/lab1", STAFF_A).statusCode())
                .isEqualTo(403);
        assertThat(web.get("api/submissions?assignment=B/s1/lab1&user=stu-b", STAFF_A)
                        .statusCode())
                .isEqualTo(403);
        assertThat(web.get("pages/queue", STAFF_A).statusCode()).isEqualTo(403);
        assertThat(web.postJson("api/regrade", STAFF_A, "{\"submission\": " + b + "}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(web.postJson("api/regrade", STAFF_A, "{\"submission\": " + a + "}")
                        .statusCode())
                .isEqualTo(202);
        JsonNode listed = web.body(web.get("api/submissions?course=A", STAFF_A)).path("submissions");
        assertThat(listed.findValuesAsText("assignment")).containsExactly("A/s1/lab1");
    }

    @Test
    void theCsvOfCourseStaffHoldsTheirCoursesOnly() {
        putRoster("A", STAFF_A, ROSTER);
        web.postJson("submit", STUDENT_A, notebook("A", "s1", "lab1"));
        web.postJson("submit", STUDENT_B, notebook("B", "s1", "lab1"));
        web.jdbi.useHandle(h -> h.execute("UPDATE submissions SET status = 'graded', score = 1, max_score = 1, "
                + "finished_at = submitted_at, lease_owner = NULL"));

        HttpResponse<String> staff = web.get("api/gradebook.csv", STAFF_A);
        HttpResponse<String> prof = web.get("api/gradebook.csv", PROF);

        assertThat(staff.statusCode()).as(staff.body()).isEqualTo(200);
        assertThat(staff.body()).contains("stu-a,A/s1/lab1,1,1,100").doesNotContain("B/s1/lab1");
        assertThat(prof.body()).contains("A/s1/lab1").contains("stu-b,B/s1/lab1");
        assertThat(web.get("api/gradebook.csv", STUDENT_A).statusCode()).isEqualTo(403);
    }

    @Test
    void aStudentCannotReadAnotherStudentsWorkEvenInTheirOwnCourse() {
        putRoster("A", STAFF_A, "username,role\nstu-a,student\nalice,student\nstaff-a,staff\n");
        long a = web.body(web.postJson("submit", STUDENT_A, notebook("A", "s1", "lab1")))
                .path("id")
                .asLong();

        assertThat(web.get("api/submissions/" + a, ALICE).statusCode()).isEqualTo(403);
        assertThat(web.get("api/submissions?user=stu-a&course=A", ALICE).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theCoursePageSaysPlainlyWhetherTheCourseIsOpen() {
        HttpResponse<String> open = web.get("pages/courses/A", STAFF_A);
        putRoster("A", STAFF_A, ROSTER);
        HttpResponse<String> restricted = web.get("pages/courses/A", STAFF_A);
        HttpResponse<String> gradebook = web.get("pages/gradebook", PROF);

        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body())
                .contains("<strong>Open</strong>: every hub user")
                .contains("course-A-staff");
        assertThat(restricted.body())
                .contains("<strong>Restricted</strong>")
                .contains("1 students and 1 staff, uploaded by staff-a")
                .contains("stu-a");
        assertThat(gradebook.body())
                .contains("restricted to its students and staff")
                .contains("c8</a>: open to every hub user");
        assertThat(web.get("pages/courses/A", STUDENT_A).statusCode()).isEqualTo(403);
        assertThat(web.get("pages/courses/B", STAFF_A).statusCode()).isEqualTo(403);
        assertThat(web.get("pages/courses/..", PROF).statusCode()).isIn(400, 404);
    }
}
