package org.gofer.course;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub group names that make a user a course's student or staff, from patterns with a
 * {@code {course}} placeholder ({@code GOFER_COURSE_STUDENT_GROUP}, {@code GOFER_COURSE_STAFF_GROUP}).
 * Immutable.
 */
public final class GroupNames {
    public static final String PLACEHOLDER = "{course}";

    private final String studentPattern;
    private final String staffPattern;
    private final Pattern staffMatcher;

    public GroupNames(String studentPattern, String staffPattern) {
        this.studentPattern = studentPattern;
        this.staffPattern = staffPattern;
        int at = staffPattern.indexOf(PLACEHOLDER);
        this.staffMatcher = Pattern.compile(Pattern.quote(staffPattern.substring(0, at))
                + "([A-Za-z0-9][A-Za-z0-9._-]{0,63})"
                + Pattern.quote(staffPattern.substring(at + PLACEHOLDER.length())));
    }

    public String studentGroup(String course) {
        return studentPattern.replace(PLACEHOLDER, course);
    }

    public String staffGroup(String course) {
        return staffPattern.replace(PLACEHOLDER, course);
    }

    /** The course a group makes its members staff of, if it is a staff group. */
    public Optional<String> staffCourseOf(String group) {
        Matcher m = staffMatcher.matcher(group);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
