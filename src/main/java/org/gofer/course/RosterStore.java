package org.gofer.course;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gofer.hubauth.CourseRole;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The uploaded rosters in the gradebook database. {@link #replace} swaps a course's whole roster
 * in one transaction, so a reader sees the old roster or the new one, never a mix. Thread-safe.
 */
public final class RosterStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public RosterStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Replaces the course's roster (creating it) with {@code members}; returns what is stored now. */
    public Roster replace(String course, List<RosterEntry> members, String uploadedBy) {
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM course_members WHERE course = ?", course);
            h.createUpdate("""
                            INSERT INTO course_rosters (course, uploaded_by, uploaded_at) VALUES (:course, :by, :at)
                            ON CONFLICT (course) DO UPDATE SET uploaded_by = :by, uploaded_at = :at""")
                    .bind("course", course)
                    .bind("by", uploadedBy)
                    .bind("at", now)
                    .execute();
            var batch = h.prepareBatch(
                    "INSERT INTO course_members (course, username, role) VALUES (:course, :user, :role)");
            for (RosterEntry m : members) {
                batch.bind("course", course)
                        .bind("user", m.username())
                        .bind("role", wire(m.role()))
                        .add();
            }
            if (!members.isEmpty()) {
                batch.execute();
            }
        });
        return find(course).orElseThrow();
    }

    /** Removes the course's roster; true when there was one. The course is open again unless course.json says otherwise. */
    public boolean delete(String course) {
        return jdbi.inTransaction(h -> h.execute("DELETE FROM course_rosters WHERE course = ?", course) > 0);
    }

    public Optional<Roster> find(String course) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT uploaded_by, uploaded_at FROM course_rosters WHERE course = ?")
                .bind(0, course)
                .map((rs, ctx) ->
                        new Roster(course, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), members(h, course)))
                .findOne());
    }

    public boolean exists(String course) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM course_rosters WHERE course = ?")
                        .bind(0, course)
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    /** The user's role on the course's roster, if listed. */
    public Optional<CourseRole> roleOf(String course, String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT role FROM course_members WHERE course = ? AND username = ?")
                .bind(0, course)
                .bind(1, username)
                .mapTo(String.class)
                .findOne()
                .map(RosterStore::role));
    }

    /** The courses whose roster lists the user as staff. */
    public Set<String> staffCoursesOf(String username) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT course FROM course_members WHERE username = ? AND role = 'staff'")
                        .bind(0, username)
                        .mapTo(String.class)
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    /** Every course with a roster. */
    public List<String> courses() {
        return jdbi.withHandle(h -> h.createQuery("SELECT course FROM course_rosters ORDER BY course")
                .mapTo(String.class)
                .list());
    }

    private static List<RosterEntry> members(Handle h, String course) {
        return h.createQuery("SELECT username, role FROM course_members WHERE course = ? ORDER BY username")
                .bind(0, course)
                .map((rs, ctx) -> new RosterEntry(rs.getString(1), role(rs.getString(2))))
                .list();
    }

    static String wire(CourseRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private static CourseRole role(String wire) {
        return CourseRole.valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
