package org.gofer.pages;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.AdjustedGrade;
import org.gofer.gradebook.GradeChanges;
import org.gofer.gradebook.ScoreRow;
import org.gofer.gradebook.StudentGrades;
import org.gofer.submission.SubmissionStore;
import org.gofer.web.NotFoundException;

/**
 * An instructor's page of one student on one assignment ({@code pages/gradebook/{c}/{s}/{a}/students/{user}}):
 * the counted grade (raw, late penalty, override, final), every grading with its lateness, the
 * extension and override forms (which call the JSON API) and the audit log. Thread-safe.
 */
final class StudentGradePage {
    private final Assignments assignments;
    private final StudentGrades grades;
    private final GradeChanges changes;
    private final SubmissionStore store;

    StudentGradePage(Assignments assignments, StudentGrades grades, GradeChanges changes, SubmissionStore store) {
        this.assignments = assignments;
        this.grades = grades;
        this.changes = changes;
        this.store = store;
    }

    void addRoutes(JavalinConfig config, String prefix) {
        config.routes.get(
                prefix + "pages/gradebook/{course}/{section}/{name}/students/{user}",
                ctx -> show(ctx, Viewer.of(ctx, prefix)));
    }

    /** What student.jte shows. {@code grade} is null before any finished grading. */
    record Model(
            Viewer v,
            AssignmentInfo info,
            String student,
            ScoreRow grade,
            List<AdjustedGrade> gradings,
            GradeChanges.Record record) {

        String api(String what) {
            return v.api("assignments/" + info.path() + "/" + what + "/" + student);
        }
    }

    private void show(Context ctx, Viewer v) {
        AssignmentKey key = Params.assignment(ctx);
        v.caller().requireMayTeach(key.course(), "see a student's grade and change it");
        AssignmentInfo info = assignments.info(key);
        String student = ctx.pathParam("user");
        if (store.list(Optional.of(student), Optional.of(key.toString()), 1, Long.MAX_VALUE)
                        .isEmpty()
                && changes.recordOf(key.toString(), student).changes().isEmpty()) {
            throw new NotFoundException(student + " has no submissions of " + key);
        }
        Layout.send(
                ctx,
                "student",
                new Model(
                        v,
                        info,
                        student,
                        grades.counted(key, student).orElse(null),
                        grades.submissions(key, student),
                        changes.recordOf(key.toString(), student)));
    }
}
