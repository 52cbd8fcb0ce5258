package org.gofer.course;

import java.time.Instant;
import java.util.List;

/**
 * A course's uploaded roster.
 *
 * @param course the course
 * @param uploadedBy the hub user who uploaded it
 * @param uploadedAt when
 * @param members its rows, sorted by user name
 */
public record Roster(String course, String uploadedBy, Instant uploadedAt, List<RosterEntry> members) {
    public Roster {
        members = List.copyOf(members);
    }

    public long count(org.gofer.hubauth.CourseRole role) {
        return members.stream().filter(m -> m.role() == role).count();
    }
}
