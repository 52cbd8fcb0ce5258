package org.gofer.gradebook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.gofer.submission.SubmissionStatus;
import org.jdbi.v3.core.Handle;

/**
 * The per-question columns of the gradebook, for the CSV and the pages alike: every question name
 * recorded for the finished gradings of an assignment (or of all, assignment by assignment), in
 * test order; a name at the same position as another sorts by name. Stateless.
 */
public final class QuestionColumns {
    private QuestionColumns() {}

    /** The question names of one assignment or, when empty, of all assignments in key order. */
    public static List<String> of(Handle handle, Optional<String> assignment) {
        return of(handle, assignment, Optional.empty());
    }

    /** As {@link #of(Handle, Optional)}, within some courses only (all when empty). */
    public static List<String> of(
            Handle handle, Optional<String> assignment, Optional<? extends Collection<String>> courses) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        CourseFilter.bind(handle.createQuery("""
                        SELECT t.name, min(t.position) AS first_position
                          FROM test_scores t JOIN submissions s ON s.id = t.submission_id
                         WHERE s.status IN (<finished>)
                           AND (:assignment IS NULL OR s.assignment = :assignment)
                           AND """ + CourseFilter.on("s.assignment") + """
                         GROUP BY s.assignment, t.name
                         ORDER BY s.assignment, first_position, t.name"""), courses)
                .bindList("finished", SubmissionStatus.finalWireNames())
                .bind("assignment", assignment.orElse(null))
                .mapTo(String.class)
                .forEach(names::add);
        return new ArrayList<>(names);
    }
}
