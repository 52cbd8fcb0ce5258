package org.gofer.hubauth;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An authenticated request's user, how they proved it, and what they may do in each course.
 *
 * <p>The access rules, in one place: a global instructor (hub admin, the instructor group or
 * scope) teaches every course; a course's staff (its staff hub group or a {@code staff} roster
 * row) teach that course only; a course may be taken by those who teach it, by its enrolled
 * students, and by every hub user while the course is open (not restricted).
 *
 * @param user the hub user
 * @param via a token sent with the request, or the service's session cookie
 * @param session the cookie's session (with its XSRF token), when {@code via} is COOKIE
 * @param courses course membership and restriction
 */
public record Caller(HubUser user, Via via, Optional<SessionStore.Session> session, CourseDirectory courses) {

    /** How the caller authenticated; cookie-authenticated writes need an XSRF token. */
    public enum Via {
        TOKEN,
        COOKIE
    }

    public String name() {
        return user.name();
    }

    /** A global instructor: teaches every course and sees service-wide things (queue, metrics). */
    public boolean instructor() {
        return user.instructor();
    }

    /** May see the course's gradebook and submissions, regrade and release its assignments. */
    public boolean mayTeach(String course) {
        return instructor() || courses.roleOf(user, course).orElse(null) == CourseRole.STAFF;
    }

    /** A global instructor, or staff of at least one course: may open the gradebook pages. */
    public boolean teachesSomeCourse() {
        return instructor() || !courses.coursesTaughtBy(user).isEmpty();
    }

    /** May see the course's assignments and submit to them. */
    public boolean mayTake(String course) {
        return mayTeach(course)
                || !courses.restricted(course)
                || courses.roleOf(user, course).isPresent();
    }

    /** The courses among {@code courses} that the caller teaches, in the given order. */
    public List<String> taughtAmong(Collection<String> courses) {
        return courses.stream().filter(this::mayTeach).toList();
    }

    /** @throws AccessDeniedException unless the caller {@link #mayTeach} the course */
    public void requireMayTeach(String course, String what) {
        if (!mayTeach(course)) {
            throw new AccessDeniedException("only instructors and staff of course " + course + " may " + what);
        }
    }

    /** @throws AccessDeniedException unless the caller {@link #mayTake} the course */
    public void requireMayTake(String course) {
        if (!mayTake(course)) {
            throw new AccessDeniedException("you are not enrolled in course " + course
                    + ": ask its staff to add you to the course's roster or hub group");
        }
    }

    /** The one access rule for students' work: its owner may see it, and so may those who teach its course. */
    public boolean maySeeWorkOf(String owner, String course) {
        return name().equals(owner) || mayTeach(course);
    }

    /** @throws AccessDeniedException unless {@link #maySeeWorkOf} the submission's owner in its course */
    public void requireMaySeeSubmission(long submissionId, String owner, String course) {
        if (!maySeeWorkOf(owner, course)) {
            throw new AccessDeniedException("submission " + submissionId + " belongs to another user");
        }
    }
}
