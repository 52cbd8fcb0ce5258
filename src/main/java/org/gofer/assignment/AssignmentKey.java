package org.gofer.assignment;

import java.util.regex.Pattern;

/**
 * course/section/assignment, each part a safe path segment. Built only through {@link #of}, so a
 * key can be joined to the tests directory without any path trick getting through.
 */
public record AssignmentKey(String course, String section, String name) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public AssignmentKey {
        check("course", course);
        check("section", section);
        check("assignment", name);
    }

    /** Builds a key, or throws {@link InvalidAssignmentKeyException} saying which part is wrong. */
    public static AssignmentKey of(String course, String section, String name) {
        return new AssignmentKey(course, section, name);
    }

    /** Checks a course name on its own (the first part of a key); returns it, or throws {@link InvalidAssignmentKeyException}. */
    public static String course(String course) {
        check("course", course);
        return course;
    }

    /** Parses {@code course/section/assignment}. */
    public static AssignmentKey parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length != 3) {
            throw new InvalidAssignmentKeyException(
                    "an assignment is written course/section/assignment, got '" + abbreviate(text) + "'");
        }
        return new AssignmentKey(parts[0], parts[1], parts[2]);
    }

    private static void check(String what, String value) {
        if (value == null || !PART.matcher(value).matches()) {
            throw new InvalidAssignmentKeyException("metadata field '" + what + "' must be 1-64 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit; got '" + abbreviate(value) + "'");
        }
    }

    static String abbreviate(String value) {
        if (value == null) {
            return "(missing)";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    @Override
    public String toString() {
        return course + "/" + section + "/" + name;
    }
}
