package org.gofer.publication;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gofer.assignment.AssignmentKey;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Publication state of assignments ({@code assignment_publication}) and its history
 * ({@code publication_log}). An assignment without a row is published: directories copied onto
 * the server before uploads existed keep working. Each change is one transaction that writes the
 * state and the log line together. Thread-safe.
 */
public final class Publications {
    /**
     * The assignments students must not see, as SQL: every reader of students' lists that filters
     * in SQL uses this one fragment.
     */
    public static final String HIDDEN_FROM_STUDENTS_SQL =
            "SELECT assignment FROM assignment_publication WHERE published = 0";

    private final Jdbi jdbi;
    private final Clock clock;
    private final ValidationRuns validations;

    public Publications(Jdbi jdbi, Clock clock, ValidationRuns validations) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.validations = validations;
    }

    /** True unless an instructor uploaded it as a draft or unpublished it. */
    public boolean visibleToStudents(AssignmentKey key) {
        return !hiddenFromStudents().contains(key.toString());
    }

    /** Every assignment that is a draft (unpublished). */
    public Set<String> hiddenFromStudents() {
        return new HashSet<>(jdbi.withHandle(
                h -> h.createQuery(HIDDEN_FROM_STUDENTS_SQL).mapTo(String.class).list()));
    }

    public PublicationState state(AssignmentKey key) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT published, forced, changed_at, changed_by FROM assignment_publication
                         WHERE assignment = ?""")
                .bind(0, key.toString())
                .map((rs, ctx) -> new PublicationState(
                        key.toString(),
                        rs.getInt(1) == 1,
                        rs.getInt(2) == 1,
                        Optional.of(Instant.ofEpochMilli(rs.getLong(3))),
                        Optional.of(rs.getString(4))))
                .findOne()
                .orElse(PublicationState.onDisk(key.toString())));
    }

    /** Newest first. */
    public List<PublicationLogEntry> log(AssignmentKey key, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT action, actor, at, detail FROM publication_log
                         WHERE assignment = ? ORDER BY id DESC LIMIT ?""")
                .bind(0, key.toString())
                .bind(1, limit)
                .map((rs, ctx) -> new PublicationLogEntry(
                        rs.getString(1),
                        rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        Optional.ofNullable(rs.getString(4))))
                .list());
    }

    /**
     * Makes the assignment visible to students. Refused unless its latest validation passed, or
     * {@code anyway} is set; then the publish is recorded as forced.
     *
     * @throws PublicationConflictException when the validation has not passed and {@code anyway} is not set
     */
    public PublicationState publish(AssignmentKey key, String actor, boolean anyway) {
        jdbi.useTransaction(h -> {
            Optional<ValidationRun> run = validations.latest(h, key.toString());
            ValidationRun.Verdict verdict = run.map(ValidationRun::verdict).orElse(ValidationRun.Verdict.NO_SOLUTIONS);
            boolean passed = verdict == ValidationRun.Verdict.PASSED;
            if (!passed && !anyway) {
                throw new PublicationConflictException(
                        "not published: " + why(verdict) + "; publish anyway (\"anyway\": true) to go ahead");
            }
            String detail = passed
                    ? "validation " + run.get().id() + " passed"
                    : "validation: " + verdict.name().toLowerCase(java.util.Locale.ROOT);
            set(h, key, true, !passed, actor, passed ? "publish" : "publish_anyway", detail);
        });
        return state(key);
    }

    public PublicationState unpublish(AssignmentKey key, String actor) {
        jdbi.useTransaction(h -> set(h, key, false, false, actor, "unpublish", null));
        return state(key);
    }

    /** Inside an upload's transaction: the assignment becomes (or stays) a draft. */
    void markDraft(Handle h, AssignmentKey key, String actor, String action, String detail) {
        set(h, key, false, false, actor, action, detail);
    }

    private void set(
            Handle h,
            AssignmentKey key,
            boolean published,
            boolean forced,
            String actor,
            String action,
            String detail) {
        long now = clock.millis();
        h.createUpdate("""
                        INSERT INTO assignment_publication (assignment, published, forced, changed_at, changed_by)
                        VALUES (:a, :p, :f, :now, :by)
                        ON CONFLICT (assignment) DO UPDATE
                           SET published = excluded.published, forced = excluded.forced,
                               changed_at = excluded.changed_at, changed_by = excluded.changed_by""")
                .bind("a", key.toString())
                .bind("p", published ? 1 : 0)
                .bind("f", forced ? 1 : 0)
                .bind("now", now)
                .bind("by", actor)
                .execute();
        h.createUpdate("""
                        INSERT INTO publication_log (assignment, action, actor, at, detail)
                        VALUES (:a, :action, :by, :now, :detail)""")
                .bind("a", key.toString())
                .bind("action", action)
                .bind("by", actor)
                .bind("now", now)
                .bind("detail", detail)
                .execute();
    }

    private static String why(ValidationRun.Verdict verdict) {
        return switch (verdict) {
            case RUNNING -> "the solutions are still being graded";
            case WARNING -> "a solution did not get full marks";
            case NO_SOLUTIONS -> "there is no graded solution notebook (name one *solution*.ipynb)";
            case PASSED -> "passed";
        };
    }
}
