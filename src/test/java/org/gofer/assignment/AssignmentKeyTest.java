package org.gofer.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AssignmentKeyTest {

    static Stream<String> pathTricks() {
        return Stream.of(
                "..",
                ".",
                "../x",
                "a/b",
                "a\\b",
                "/etc",
                "C:",
                "a\u0000b",
                "caf\u00e9",
                "\u0430bc",
                "",
                " ",
                "a b",
                "x".repeat(65),
                ".hidden",
                "-rf",
                "_x",
                "a:b",
                "a\nb",
                "a%2fb",
                "~root");
    }

    @ParameterizedTest
    @MethodSource("pathTricks")
    void everyPathTrickIsRejectedNamingTheField(String bad) {
        assertThatThrownBy(() -> AssignmentKey.of(bad, "s", "a"))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("'course'");
        assertThatThrownBy(() -> AssignmentKey.of("c", bad, "a"))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("'section'");
        assertThatThrownBy(() -> AssignmentKey.of("c", "s", bad))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("'assignment'");
    }

    @Test
    void missingPartIsRejectedNamingTheField() {
        assertThatThrownBy(() -> AssignmentKey.of("c", null, "a"))
                .isInstanceOf(InvalidAssignmentKeyException.class)
                .hasMessageContaining("'section'")
                .hasMessageContaining("(missing)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "9", "lab01", "proj-2.final_v3", "a.."})
    void safeSegmentsAreAccepted(String good) {
        assertThat(AssignmentKey.of(good, good, good).name()).isEqualTo(good);
    }

    @Test
    void sixtyFourCharactersIsTheLongestPart() {
        String longest = "x".repeat(64);

        assertThat(AssignmentKey.of(longest, "s", "a").course()).hasSize(64);
    }

    @Test
    void errorMessageShowsTheValueAbbreviatedAndPrintable() {
        assertThatThrownBy(() -> AssignmentKey.of("c", "s", "x".repeat(100) + "\u0000"))
                .hasMessageContaining("got '" + "x".repeat(40) + "...'");
        assertThatThrownBy(() -> AssignmentKey.of("c", "s", "a\u0000b")).hasMessageContaining("got 'a?b'");
    }

    @Test
    void parseAndToStringRoundTrip() {
        AssignmentKey key = AssignmentKey.parse("data8x/fa24/lab01");

        assertThat(key).isEqualTo(new AssignmentKey("data8x", "fa24", "lab01"));
        assertThat(key.toString()).isEqualTo("data8x/fa24/lab01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c/s", "c/s/a/b", "c//a", "/s/a", "c/s/", ""})
    void parseRejectsAnythingButThreeSafeParts(String text) {
        assertThatThrownBy(() -> AssignmentKey.parse(text)).isInstanceOf(InvalidAssignmentKeyException.class);
    }

    @Test
    void parseOfNullSaysHowAKeyIsWritten() {
        assertThatThrownBy(() -> AssignmentKey.parse(null)).hasMessageContaining("course/section/assignment");
    }
}
