package org.gofer.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Display names on a real, freshly migrated gradebook: one per student, unique regardless of case. */
class DisplayNamesTest {
    @TempDir
    Path tmp;

    private Jdbi jdbi;
    private DisplayNames names;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.in(tmp);
        names = new DisplayNames(jdbi, Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aStudentChoosesReplacesAndRemovesTheirName() {
        assertThat(names.of("alice")).isEmpty();

        assertThat(names.choose("alice", "  Ada ").text()).isEqualTo("Ada");
        assertThat(names.of("alice")).contains(new DisplayName("Ada"));

        names.choose("alice", "Countess");
        assertThat(names.of("alice")).contains(new DisplayName("Countess"));
        assertThat(rows()).containsExactly("alice|Countess|countess|1796212800000");

        assertThat(names.clear("alice")).isTrue();
        assertThat(names.of("alice")).isEmpty();
        assertThat(names.clear("alice")).isFalse();
    }

    @Test
    void aNameTakenInAnyCaseIsRefusedAndNothingChanges() {
        names.choose("alice", "Ada");
        names.choose("bob", "Bobby");

        assertThatThrownBy(() -> names.choose("bob", "ADA"))
                .isInstanceOf(DisplayNameTakenException.class)
                .hasMessageContaining("\"ADA\" is taken")
                .hasMessageNotContaining("alice");

        assertThat(names.of("bob")).contains(new DisplayName("Bobby"));
        assertThat(names.of("alice")).contains(new DisplayName("Ada"));
    }

    @Test
    void aStudentMayKeepTheirOwnNameInAnotherCase() {
        names.choose("alice", "ada");

        assertThat(names.choose("alice", "Ada").text()).isEqualTo("Ada");
        assertThat(rows()).hasSize(1);
    }

    @Test
    void aRemovedNameIsFreeForOthers() {
        names.choose("alice", "Ada");
        names.clear("alice");

        assertThat(names.choose("bob", "ada").text()).isEqualTo("ada");
    }

    @Test
    void anotherUsersHubNameIsTakenButOnesOwnIsNot() {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO notebooks (sha256, size_bytes, stored_at) VALUES (?, 1, 0)", "a".repeat(64));
            for (String user : List.of("carol", "alice")) {
                h.execute("""
                        INSERT INTO submissions (username, assignment, notebook_sha256, submitted_at, status, not_before)
                        VALUES (?, 'c/s/a', ?, 0, 'queued', 0)""", user, "a".repeat(64));
            }
        });

        assertThatThrownBy(() -> names.choose("alice", "Carol")).isInstanceOf(DisplayNameTakenException.class);
        assertThat(names.of("alice")).isEmpty();
        assertThat(names.choose("alice", "alice").text()).isEqualTo("alice");
    }

    @Test
    void anInvalidNameIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> names.choose("alice", "x\u0000y")).isInstanceOf(InvalidDisplayNameException.class);
        assertThat(rows()).isEmpty();
    }

    private List<String> rows() {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT username || '|' || display_name || '|' || folded || '|' || chosen_at"
                                + " FROM display_names ORDER BY username")
                        .mapTo(String.class)
                        .list());
    }
}
