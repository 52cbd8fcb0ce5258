package org.gofer.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gofer.hubauth.AccessDeniedException;
import org.gofer.hubauth.Caller;
import org.gofer.hubauth.CourseRole;
import org.gofer.hubauth.HubUser;
import org.gofer.testsupport.MutableClock;
import org.gofer.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access rules on a real gradebook file and a real tests directory: course A is restricted by
 * its roster, B by its course.json (membership from hub groups), C is open (no roster, no
 * course.json), D has a roster but course.json says open, E has a broken course.json.
 */
class CourseAccessTest {
    @TempDir
    Path tmp;

    private CourseAccess access;
    private RosterStore rosters;

    @BeforeEach
    void setUp() throws IOException {
        rosters = new RosterStore(TestDatabase.in(tmp), MutableClock.at("2026-09-01T08:00:00Z"));
        Path tests = tmp.resolve("tests");
        write(tests.resolve("B/course.json"), "{\"title\": \"Course B\", \"enrollment\": \"roster\"}");
        write(tests.resolve("D/course.json"), "{\"enrollment\": \"open\"}");
        write(tests.resolve("E/course.json"), "{\"enrollment\": \"members\"}");
        rosters.replace(
                "A",
                List.of(
                        new RosterEntry("stu-a", CourseRole.STUDENT),
                        new RosterEntry("staff-a", CourseRole.STAFF),
                        new RosterEntry("stu-b", CourseRole.STUDENT)),
                "prof");
        rosters.replace("D", List.of(new RosterEntry("staff-d", CourseRole.STAFF)), "prof");
        access = new CourseAccess(
                rosters, new CourseFile(tests), new GroupNames("course-{course}", "course-{course}-staff"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Caller caller(String name, boolean admin, List<String> groups, boolean instructor) {
        return new Caller(
                new HubUser(name, admin, groups, List.of("access:services"), instructor),
                Caller.Via.TOKEN,
                Optional.empty(),
                access);
    }

    enum Who {
        ADMIN,
        GLOBAL_INSTRUCTOR,
        STAFF_OF_A_BY_ROSTER,
        STAFF_OF_B_BY_GROUP,
        STUDENT_OF_A_BY_ROSTER,
        STUDENT_OF_B_BY_GROUP,
        NOBODY
    }

    private Caller who(Who w) {
        return switch (w) {
            case ADMIN -> caller("root", true, List.of(), true);
            case GLOBAL_INSTRUCTOR -> caller("prof", false, List.of("instructors"), true);
            case STAFF_OF_A_BY_ROSTER -> caller("staff-a", false, List.of(), false);
            case STAFF_OF_B_BY_GROUP -> caller("ta-b", false, List.of("course-B-staff"), false);
            case STUDENT_OF_A_BY_ROSTER -> caller("stu-a", false, List.of(), false);
            case STUDENT_OF_B_BY_GROUP -> caller("stu-gb", false, List.of("course-B"), false);
            case NOBODY -> caller("walk-in", false, List.of("students"), false);
        };
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // who, course, may take, may teach
                Arguments.of(Who.ADMIN, "A", true, true),
                Arguments.of(Who.ADMIN, "B", true, true),
                Arguments.of(Who.GLOBAL_INSTRUCTOR, "A", true, true),
                Arguments.of(Who.GLOBAL_INSTRUCTOR, "E", true, true),
                Arguments.of(Who.STAFF_OF_A_BY_ROSTER, "A", true, true),
                Arguments.of(Who.STAFF_OF_A_BY_ROSTER, "B", false, false),
                Arguments.of(Who.STAFF_OF_A_BY_ROSTER, "C", true, false),
                Arguments.of(Who.STAFF_OF_B_BY_GROUP, "B", true, true),
                Arguments.of(Who.STAFF_OF_B_BY_GROUP, "A", false, false),
                Arguments.of(Who.STUDENT_OF_A_BY_ROSTER, "A", true, false),
                Arguments.of(Who.STUDENT_OF_A_BY_ROSTER, "B", false, false),
                Arguments.of(Who.STUDENT_OF_B_BY_GROUP, "B", true, false),
                Arguments.of(Who.STUDENT_OF_B_BY_GROUP, "A", false, false),
                Arguments.of(Who.NOBODY, "C", true, false),
                Arguments.of(Who.NOBODY, "D", true, false),
                Arguments.of(Who.NOBODY, "A", false, false),
                Arguments.of(Who.NOBODY, "E", false, false));
    }

    @ParameterizedTest(name = "{0} on course {1}: take {2}, teach {3}")
    @MethodSource("rules")
    void accessRules(Who w, String course, boolean mayTake, boolean mayTeach) {
        Caller c = who(w);

        assertThat(c.mayTake(course)).as("may take").isEqualTo(mayTake);
        assertThat(c.mayTeach(course)).as("may teach").isEqualTo(mayTeach);
        assertThat(c.maySeeWorkOf("someone-else", course))
                .as("sees others' work")
                .isEqualTo(mayTeach);
        assertThat(c.maySeeWorkOf(c.name(), course)).as("sees own work").isTrue();
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThatThrownBy(() -> who(Who.STUDENT_OF_A_BY_ROSTER).requireMayTake("B"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("you are not enrolled in course B");
        assertThatThrownBy(() -> who(Who.STAFF_OF_A_BY_ROSTER).requireMayTeach("B", "see its gradebook"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("only instructors and staff of course B may see its gradebook");
    }

    @Test
    void staffOfACourseTeachSomeCourseAndStudentsDoNot() {
        assertThat(who(Who.STAFF_OF_A_BY_ROSTER).teachesSomeCourse()).isTrue();
        assertThat(who(Who.STAFF_OF_B_BY_GROUP).teachesSomeCourse()).isTrue();
        assertThat(access.coursesTaughtBy(who(Who.STAFF_OF_B_BY_GROUP).user())).containsExactly("B");
        assertThat(who(Who.STUDENT_OF_A_BY_ROSTER).teachesSomeCourse()).isFalse();
        assertThat(who(Who.NOBODY).taughtAmong(List.of("A", "B", "C"))).isEmpty();
    }

    @Test
    void theStatusSaysWhyACourseIsOpenOrRestricted() {
        assertThat(access.status("A").why()).contains("it has a roster");
        assertThat(access.status("B").why()).contains("\"enrollment\": \"roster\"");
        assertThat(access.status("B").title()).contains("Course B");
        assertThat(access.status("C").restricted()).isFalse();
        assertThat(access.status("C").why()).contains("every hub user may take it");
        assertThat(access.status("D").restricted()).isFalse();
        assertThat(access.status("E").restricted()).isTrue();
        assertThat(access.status("E").why()).contains("\"enrollment\" must be \"roster\"");
    }

    @Test
    void deletingTheRosterOpensTheCourseAgain() {
        rosters.delete("A");

        assertThat(who(Who.NOBODY).mayTake("A")).isTrue();
        assertThat(who(Who.STAFF_OF_A_BY_ROSTER).mayTeach("A")).isFalse();
    }
}
