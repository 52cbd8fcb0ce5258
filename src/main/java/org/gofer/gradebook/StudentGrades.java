package org.gofer.gradebook;

import java.util.List;
import java.util.Optional;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.jdbi.v3.core.Jdbi;

/**
 * One student's grade on one assignment under the assignment's current rules: the counted grade
 * and every finished grading with its lateness and penalty. Thread-safe.
 */
public final class StudentGrades {
    private final Jdbi jdbi;
    private final AssignmentCatalog catalog;

    public StudentGrades(Jdbi jdbi, AssignmentCatalog catalog) {
        this.jdbi = jdbi;
        this.catalog = catalog;
    }

    public Optional<ScoreRow> counted(AssignmentKey key, String username) {
        GradingRule rule = GradingRule.lookUp(catalog, key.toString());
        return jdbi.withHandle(h -> CountedGrades.forStudent(h, username, key.toString(), rule));
    }

    /** Newest first. */
    public List<AdjustedGrade> submissions(AssignmentKey key, String username) {
        GradingRule rule = GradingRule.lookUp(catalog, key.toString());
        return jdbi.withHandle(h -> CountedGrades.submissions(h, username, key.toString(), rule));
    }
}
