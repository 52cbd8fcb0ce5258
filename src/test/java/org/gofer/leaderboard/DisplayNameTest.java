package org.gofer.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a display name may be, and which names count as the same one. */
class DisplayNameTest {
    @Test
    void aNameIsTrimmedAndItsRunsOfSpacesBecomeOne() {
        assertThat(DisplayName.parse("  Ada   Lovelace \n").text()).isEqualTo("Ada Lovelace");
    }

    @Test
    void oneToThirtyTwoCharactersCountedAsCharactersNotBytes() {
        assertThat(DisplayName.parse("x").text()).isEqualTo("x");
        assertThat(DisplayName.parse("é".repeat(32)).text()).hasSize(32);
        // 32 emoji are 64 UTF-16 units and still 32 characters
        assertThat(DisplayName.parse("\uD83E\uDD8A".repeat(32)).text().codePointCount(0, 64))
                .isEqualTo(32);
        assertThatThrownBy(() -> DisplayName.parse("x".repeat(33)))
                .isInstanceOf(InvalidDisplayNameException.class)
                .hasMessageContaining("1 to 32 characters (this one has 33)");
    }

    @Test
    void composedAndDecomposedAccentsAreStoredTheSameWay() {
        assertThat(DisplayName.parse("Jose\u0301").text()).isEqualTo("Jos\u00e9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void anEmptyNameIsRefused(String raw) {
        assertThatThrownBy(() -> DisplayName.parse(raw))
                .isInstanceOf(InvalidDisplayNameException.class)
                .hasMessageContaining("1 to 32 characters");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bell\u0007", // control
                "tab\there", // control inside
                "a\u200Bb", // zero-width space
                "evil\u202Egnp.exe", // right-to-left override
                "a\u2028b", // line separator
                "wide\u3000space", // ideographic space
                "private\uE000", // private use
                "lone\uD800", // unpaired surrogate
            })
    void controlAndInvisibleCharactersAreRefusedNamingTheCharacter(String raw) {
        assertThatThrownBy(() -> DisplayName.parse(raw))
                .isInstanceOf(InvalidDisplayNameException.class)
                .hasMessageContaining("control or invisible characters")
                .hasMessageMatching(".*U\\+[0-9A-F]{4}.*");
    }

    @Test
    void markupIsAllowedBecausePagesShowItAsText() {
        assertThat(DisplayName.parse("<b>Bob</b> & co").text()).isEqualTo("<b>Bob</b> & co");
    }

    @Test
    void namesThatDifferOnlyInCaseOrCompatibilityFormFoldTogether() {
        assertThat(DisplayName.parse("Ada").folded())
                .isEqualTo(DisplayName.parse("aDA").folded());
        assertThat(DisplayName.parse("STRASSE").folded())
                .isEqualTo(DisplayName.parse("straße").folded());
        assertThat(DisplayName.parse("\uFF21da").folded()).isEqualTo("ada"); // full-width A
        assertThat(DisplayName.parse("Ada").folded())
                .isNotEqualTo(DisplayName.parse("Ada2").folded());
    }

    @Test
    void aMissingNameIsRefused() {
        assertThatThrownBy(() -> DisplayName.parse(null)).isInstanceOf(InvalidDisplayNameException.class);
    }
}
