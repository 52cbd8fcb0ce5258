package org.gofer.course;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gofer.hubauth.CourseDirectory;
import org.gofer.hubauth.CourseRole;
import org.gofer.hubauth.HubUser;

/**
 * Course membership from the two sources, hub groups and uploaded rosters (staff in either wins
 * over student), and which courses are restricted: those whose course.json says
 * {@code "enrollment": "roster"}, or that have a roster and no course.json saying {@code "open"}.
 * A course.json that cannot be read restricts its course (closed rather than open by mistake).
 * Thread-safe.
 */
public final class CourseAccess implements CourseDirectory {
    private final RosterStore rosters;
    private final CourseFile files;
    private final GroupNames groups;

    public CourseAccess(RosterStore rosters, CourseFile files, GroupNames groups) {
        this.rosters = rosters;
        this.files = files;
        this.groups = groups;
    }

    /** A course is known when the tests directory has a folder for it. */
    public boolean known(String course) {
        return files.exists(course);
    }

    @Override
    public Optional<CourseRole> roleOf(HubUser user, String course) {
        if (user.groups().contains(groups.staffGroup(course))) {
            return Optional.of(CourseRole.STAFF);
        }
        Optional<CourseRole> listed = rosters.roleOf(course, user.name());
        if (listed.isPresent()) {
            return listed;
        }
        return user.groups().contains(groups.studentGroup(course)) ? Optional.of(CourseRole.STUDENT) : Optional.empty();
    }

    /** Reads course.json and whether a roster exists, not the roster itself: pages ask this per assignment. */
    @Override
    public boolean restricted(String course) {
        CourseFile.Settings file = files.read(course);
        return switch (file.enrollment()) {
            case ROSTER -> true;
            case OPEN -> false;
            case UNSET -> rosters.exists(course);
        };
    }

    @Override
    public Set<String> coursesTaughtBy(HubUser user) {
        Set<String> out = new TreeSet<>(rosters.staffCoursesOf(user.name()));
        user.groups().forEach(g -> groups.staffCourseOf(g).ifPresent(out::add));
        return out;
    }

    /** Whether the course is restricted and why, in words for its staff's pages. */
    public CourseStatus status(String course) {
        CourseFile.Settings file = files.read(course);
        Optional<Roster> roster = rosters.find(course);
        boolean restricted;
        String why;
        if (file.problem().isPresent()) {
            restricted = true;
            why = "only its members may take it until course.json is fixed: "
                    + file.problem().get();
        } else if (file.enrollment() == CourseFile.Enrollment.ROSTER) {
            restricted = true;
            why = "course.json says \"enrollment\": \"roster\": only its members may take it";
        } else if (file.enrollment() == CourseFile.Enrollment.OPEN) {
            restricted = false;
            why = "course.json says \"enrollment\": \"open\": every hub user may take it"
                    + (roster.isPresent() ? " (the roster only names its staff)" : "");
        } else if (roster.isPresent()) {
            restricted = true;
            why = "it has a roster: only its members may take it";
        } else {
            restricted = false;
            why = "it has no roster and no course.json: every hub user may take it";
        }
        return new CourseStatus(
                course, file.title(), restricted, why, roster, groups.studentGroup(course), groups.staffGroup(course));
    }

    /**
     * A course as its staff's pages describe it.
     *
     * @param restricted only members (and instructors) may see and submit
     * @param why the rule that decided it, in words
     * @param roster the uploaded roster, if any
     * @param studentGroup the hub group whose members are its students
     * @param staffGroup the hub group whose members are its staff
     */
    public record CourseStatus(
            String course,
            Optional<String> title,
            boolean restricted,
            String why,
            Optional<Roster> roster,
            String studentGroup,
            String staffGroup) {}
}
