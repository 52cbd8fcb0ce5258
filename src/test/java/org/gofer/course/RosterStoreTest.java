package org.gofer.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gofer.hubauth.CourseRole;
import org.gofer.testsupport.MutableClock;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterStoreTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-09-01T08:00:00Z");
    private Jdbi jdbi;
    private RosterStore store;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.in(tmp);
        store = new RosterStore(jdbi, clock);
    }

    @Test
    void anUploadReplacesTheWholeRosterAndKeepsWhoUploadedItAndWhen() {
        store.replace(
                "c8",
                List.of(new RosterEntry("alice", CourseRole.STUDENT), new RosterEntry("bob", CourseRole.STUDENT)),
                "prof");
        clock.advance(Duration.ofHours(1));

        Roster second = store.replace(
                "c8",
                List.of(new RosterEntry("carol", CourseRole.STUDENT), new RosterEntry("bob", CourseRole.STAFF)),
                "ta1");

        assertThat(second.uploadedBy()).isEqualTo("ta1");
        assertThat(second.uploadedAt()).isEqualTo(Instant.parse("2026-09-01T09:00:00Z"));
        assertThat(second.members())
                .containsExactly(
                        new RosterEntry("bob", CourseRole.STAFF), new RosterEntry("carol", CourseRole.STUDENT));
        assertThat(store.roleOf("c8", "alice")).isEmpty();
        assertThat(store.roleOf("c8", "bob")).contains(CourseRole.STAFF);
        assertThat(store.staffCoursesOf("bob")).containsExactly("c8");
    }

    @Test
    void rostersOfOtherCoursesAreUntouched() {
        store.replace("c8", List.of(new RosterEntry("alice", CourseRole.STUDENT)), "prof");
        store.replace("stat20", List.of(new RosterEntry("alice", CourseRole.STAFF)), "prof");

        store.replace("c8", List.of(), "prof");

        assertThat(store.exists("c8")).isTrue();
        assertThat(store.roleOf("c8", "alice")).isEmpty();
        assertThat(store.roleOf("stat20", "alice")).contains(CourseRole.STAFF);
        assertThat(store.courses()).containsExactly("c8", "stat20");
    }

    @Test
    void deletingARosterRemovesItsMembers() {
        store.replace("c8", List.of(new RosterEntry("alice", CourseRole.STUDENT)), "prof");

        assertThat(store.delete("c8")).isTrue();

        assertThat(store.exists("c8")).isFalse();
        assertThat(store.delete("c8")).isFalse();
        long members = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM course_members")
                .mapTo(Long.class)
                .one());
        assertThat(members).isZero();
    }
}
