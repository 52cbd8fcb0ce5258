package org.gofer.gradebook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * SQL that keeps the rows of some courses only (a course's staff see their courses' grades):
 * the course is the part of an assignment key before its first '/'. Stateless.
 */
public final class CourseFilter {
    private CourseFilter() {}

    /** A condition on an assignment-key column; bind it with {@link #bind}. */
    public static String on(String assignmentColumn) {
        return "(:all_courses = 1 OR substr(%1$s, 1, instr(%1$s, '/') - 1) IN (<only_courses>))"
                .formatted(assignmentColumn);
    }

    /** @param courses the courses to keep, or empty for every course */
    public static <S extends SqlStatement<S>> S bind(S statement, Optional<? extends Collection<String>> courses) {
        List<String> only = new ArrayList<>(courses.map(List::copyOf).orElse(List.of()));
        only.add(""); // SQL's IN needs an element; no course is empty
        return statement.bind("all_courses", courses.isEmpty() ? 1 : 0).bindList("only_courses", only);
    }
}
