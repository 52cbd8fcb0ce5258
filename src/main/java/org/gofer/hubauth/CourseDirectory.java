package org.gofer.hubauth;

import java.util.Optional;
import java.util.Set;

/**
 * Answers who belongs to a course (from the user's hub groups and the course's uploaded roster)
 * and whether the course admits only its members. Implemented by the {@code course} stage;
 * {@link #OPEN} is the service without courses: every course open, nobody staff of one.
 * Implementations are thread-safe.
 */
public interface CourseDirectory {

    /** Every course open to every hub user, no course staff: Gofer before courses. */
    CourseDirectory OPEN = new CourseDirectory() {
        @Override
        public Optional<CourseRole> roleOf(HubUser user, String course) {
            return Optional.empty();
        }

        @Override
        public boolean restricted(String course) {
            return false;
        }

        @Override
        public Set<String> coursesTaughtBy(HubUser user) {
            return Set.of();
        }
    };

    /** The user's role in the course (staff wins over student), or empty when not a member. */
    Optional<CourseRole> roleOf(HubUser user, String course);

    /** True when only the course's members (and instructors) may see and submit to it. */
    boolean restricted(String course);

    /** The courses whose staff the user is (global instructors aside: they teach every course). */
    Set<String> coursesTaughtBy(HubUser user);
}
