package org.gofer.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.gofer.hubauth.CourseRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RosterCsvTest {

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsMembersWithTheirRoles() {
        var members = RosterCsv.parse(csv("""
                \uFEFFUsername,Role\r
                alice,student\r
                "prof.x@example.edu",STAFF\r
                \r
                bob , student
                """));

        assertThat(members)
                .containsExactly(
                        new RosterEntry("alice", CourseRole.STUDENT),
                        new RosterEntry("prof.x@example.edu", CourseRole.STAFF),
                        new RosterEntry("bob", CourseRole.STUDENT));
    }

    @Test
    void aHeaderAloneIsAnEmptyRoster() {
        assertThat(RosterCsv.parse(csv("username,role\n"))).isEmpty();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "the roster is empty"),
                Arguments.of("no header", "alice,student\n", "line 1: the first line must be the header"),
                Arguments.of("header in another order", "role,username\nstudent,alice\n", "line 1: the first line"),
                Arguments.of("unknown role", "username,role\nalice,student\nbob,ta\n", "line 3: unknown role 'ta'"),
                Arguments.of("missing role", "username,role\nalice\n", "line 2: expected 2 fields"),
                Arguments.of("extra field", "username,role\nalice,student,x\n", "line 2: expected 2 fields"),
                Arguments.of("bad username", "username,role\n../etc,student\n", "line 2: '../etc' is not a hub user"),
                Arguments.of("spaces in name", "username,role\nal ice,student\n", "line 2: 'al ice' is not"),
                Arguments.of("twice", "username,role\nalice,student\nalice,staff\n", "line 3: alice is listed twice"),
                Arguments.of("open quote", "username,role\n\"alice,student\n", "line 2: a quote is not closed"),
                Arguments.of("not UTF-8", "username,role\nal\u00ffce,student\n", "not UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRostersAreRefusedWithTheLine(String what, String text, String message) {
        byte[] bytes = what.equals("not UTF-8") ? text.getBytes(StandardCharsets.ISO_8859_1) : csv(text);

        assertThatThrownBy(() -> RosterCsv.parse(bytes))
                .isInstanceOf(InvalidRosterException.class)
                .hasMessageContaining(message);
    }

    @Test
    void tooBigIsRefused() {
        byte[] big = csv("username,role\n" + "a,student\n".repeat(RosterCsv.MAX_BYTES / 10 + 1));

        assertThatThrownBy(() -> RosterCsv.parse(big))
                .isInstanceOf(InvalidRosterException.class)
                .hasMessageContaining("larger than 1024 KiB");
    }

    @Test
    void tooManyMembersIsRefusedAtTheLineThatPassesTheLimit() {
        StringBuilder s = new StringBuilder("username,role\n");
        for (int i = 0; i <= RosterCsv.MAX_MEMBERS; i++) {
            s.append("u").append(i).append(",student\n");
        }

        assertThatThrownBy(() -> RosterCsv.parse(csv(s.toString())))
                .isInstanceOf(InvalidRosterException.class)
                .hasMessageContaining("line " + (RosterCsv.MAX_MEMBERS + 2) + ": a roster has at most");
    }
}
