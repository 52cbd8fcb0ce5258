package org.gofer.gradebook;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.Deadlines;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Instructors' changes to a student's grade: extensions (a new due date and cutoff) and overrides
 * (the whole score or one question). Each change is one transaction that checks its input, writes
 * the row, appends the audit row (final score before and after) and tells the listeners (the LTI
 * outbox) the new final score, so that all of it commits or none does. Bad input changes nothing.
 * Thread-safe.
 */
public final class GradeChanges {
    /** Hub user names as they reach Gofer: letters, digits and {@code . _ @ + -}, at most 128. */
    private static final Pattern USER = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@+-]{0,127}");

    private static final int MAX_REASON = 1000;

    private final Jdbi jdbi;
    private final AssignmentCatalog catalog;
    private final Clock clock;
    private final List<GradeListener> listeners;

    public GradeChanges(Jdbi jdbi, AssignmentCatalog catalog, Clock clock, List<GradeListener> listeners) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** What an override asks for: a new number of points, or a change to the current ones. */
    public sealed interface Amount {
        /** Sets the points. */
        record Points(double value) implements Amount {}

        /** Adds {@code delta} (may be negative) to the current final (or question) points. */
        record Adjust(double delta) implements Amount {}
    }

    /**
     * Grants (or replaces) a student's extension. The new due date must be after the assignment's and
     * not in the past: an extension granted after the fact still removes the penalty of the
     * submissions made before its due date, and one already over would grant nothing to come.
     */
    public Extension grantExtension(
            AssignmentKey key, String username, Instant due, Optional<Instant> cutoff, String reason, String actor) {
        checkUser(username);
        String why = checkReason(reason);
        Deadlines deadlines = catalog.settings(key).deadlines();
        Instant original = deadlines
                .dueAt()
                .orElseThrow(() -> new InvalidGradeChangeException(
                        key + " has no due date (due_at), so there is nothing to extend"));
        if (!due.isAfter(original)) {
            throw new InvalidGradeChangeException(
                    "an extension's due date must be after the assignment's (" + original + "), got " + due);
        }
        if (cutoff.isPresent() && cutoff.get().isBefore(due)) {
            throw new InvalidGradeChangeException("an extension's cutoff must not be before its due date " + due);
        }
        Instant now = clock.instant();
        if (due.isBefore(now)) {
            throw new InvalidGradeChangeException("an extension's due date must not be in the past (now " + now
                    + "), got " + due + "; to forgive late work already submitted, give a due date from now on");
        }
        Extension granted = new Extension(username, key.toString(), due, cutoff, why, actor, now);
        inChange(
                key,
                username,
                h -> {
                    h.createUpdate("""
                            INSERT OR REPLACE INTO extensions (username, assignment, due_at, cutoff_at, reason,
                                                               granted_by, granted_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                            .bind(0, username)
                            .bind(1, key.toString())
                            .bind(2, due.toEpochMilli())
                            .bind(3, cutoff.map(Instant::toEpochMilli).orElse(null))
                            .bind(4, why)
                            .bind(5, actor)
                            .bind(6, now.toEpochMilli())
                            .execute();
                    return new Change(
                            "extension_granted",
                            null,
                            "due " + due + cutoff.map(c -> ", cutoff " + c).orElse(""));
                },
                why,
                actor,
                false);
        return granted;
    }

    /** Removes a student's extension; false when there was none (nothing changed). */
    public boolean revokeExtension(AssignmentKey key, String username, String reason, String actor) {
        checkUser(username);
        String why = checkReason(reason);
        catalog.settings(key);
        return inChange(
                key,
                username,
                h -> {
                    int n = h.execute(
                            "DELETE FROM extensions WHERE username = ? AND assignment = ?", username, key.toString());
                    return n == 0 ? null : new Change("extension_revoked", null, null);
                },
                why,
                actor,
                false);
    }

    /**
     * Sets or adjusts a student's whole score ({@code question} empty) or one question's points.
     *
     * @throws NoCountedGradeException when the student has no finished grading of the assignment
     * @throws InvalidGradeChangeException when the result is below 0 or above the points possible
     */
    public ScoreRow override(
            AssignmentKey key, String username, Optional<String> question, Amount amount, String reason, String actor) {
        checkUser(username);
        String why = checkReason(reason);
        GradingRule rule = GradingRule.of(catalog.settings(key));
        String q = question.map(String::strip).orElse(CountedGrades.WHOLE_SCORE);
        Instant now = clock.instant();
        inChange(
                key,
                username,
                h -> {
                    ScoreRow counted = CountedGrades.forStudent(h, username, key.toString(), rule)
                            .orElseThrow(() -> new NoCountedGradeException(
                                    username + " has no graded submission of " + key + " to override"));
                    double current;
                    double max;
                    if (q.equals(CountedGrades.WHOLE_SCORE)) {
                        current = counted.score();
                        max = counted.maxScore();
                    } else {
                        double[] test = questionOf(h, counted.submissionId(), q);
                        current = currentQuestionPoints(h, username, key.toString(), q)
                                .orElse(test[0]);
                        max = test[1];
                    }
                    double points =
                            amount instanceof Amount.Points p ? p.value() : current + ((Amount.Adjust) amount).delta();
                    if (!Double.isFinite(points) || points < 0 || points > max) {
                        throw new InvalidGradeChangeException(
                                "the " + (q.isEmpty() ? "score" : "points of " + q) + " must be from 0 to "
                                        + CsvExporter.number(max) + ", got " + CsvExporter.number(points));
                    }
                    h.createUpdate("""
                            INSERT OR REPLACE INTO score_overrides (username, assignment, question, points, reason,
                                                                    set_by, set_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                            .bind(0, username)
                            .bind(1, key.toString())
                            .bind(2, q)
                            .bind(3, points)
                            .bind(4, why)
                            .bind(5, actor)
                            .bind(6, now.toEpochMilli())
                            .execute();
                    return new Change("override_set", q, "points " + CsvExporter.number(points));
                },
                why,
                actor,
                true);
        return jdbi.withHandle(h -> CountedGrades.forStudent(h, username, key.toString(), rule))
                .orElseThrow();
    }

    /** Clears an override; false when there was none (nothing changed). */
    public boolean clearOverride(
            AssignmentKey key, String username, Optional<String> question, String reason, String actor) {
        checkUser(username);
        String why = checkReason(reason);
        catalog.settings(key);
        String q = question.map(String::strip).orElse(CountedGrades.WHOLE_SCORE);
        return inChange(
                key,
                username,
                h -> {
                    int n = h.execute(
                            "DELETE FROM score_overrides WHERE username = ? AND assignment = ? AND question = ?",
                            username,
                            key.toString(),
                            q);
                    return n == 0 ? null : new Change("override_cleared", q, null);
                },
                why,
                actor,
                true);
    }

    /** A student's extension, overrides and audit log on one assignment, for the pages. */
    public Record recordOf(String assignment, String username) {
        return jdbi.withHandle(h -> new Record(
                Extension.find(h, username, assignment),
                ScoreOverride.of(h, username, assignment),
                GradeChange.of(h, username, assignment)));
    }

    /** A student's extension on one assignment, if granted: their own due date. */
    public Optional<Extension> extensionOf(String assignment, String username) {
        return jdbi.withHandle(h -> Extension.find(h, username, assignment));
    }

    /** A student's extensions, by assignment id: their own due dates, for the dashboard. */
    public Map<String, Extension> extensionsOf(String username) {
        Map<String, Extension> out = new HashMap<>();
        jdbi.useHandle(h -> Extension.allOf(h, username).forEach(e -> out.put(e.assignment(), e)));
        return out;
    }

    /** Everything changed by hand on one student's grade of one assignment. */
    public record Record(Optional<Extension> extension, List<ScoreOverride> overrides, List<GradeChange> changes) {}

    private record Change(String kind, String question, String detail) {}

    private interface Step {
        /** @return the change to audit, or null when nothing changed */
        Change apply(Handle h);
    }

    /**
     * Runs {@code step} between two reads of the final score in one transaction, audits it and, when
     * the final score changed (or always, for {@code alwaysSend}), sends it to the listeners.
     */
    private boolean inChange(
            AssignmentKey key, String username, Step step, String reason, String actor, boolean alwaysSend) {
        GradingRule rule = GradingRule.of(catalog.settings(key));
        String assignment = key.toString();
        return jdbi.inTransaction(h -> {
            Optional<ScoreRow> before = CountedGrades.forStudent(h, username, assignment, rule);
            Change change = step.apply(h);
            if (change == null) {
                return false;
            }
            Optional<ScoreRow> after = CountedGrades.forStudent(h, username, assignment, rule);
            Instant now = clock.instant();
            GradeChange.append(
                    h,
                    username,
                    assignment,
                    change.kind(),
                    change.question(),
                    change.detail(),
                    before,
                    after,
                    reason,
                    actor,
                    now);
            boolean changed = !before.map(ScoreRow::score).equals(after.map(ScoreRow::score));
            if (after.isPresent() && (changed || alwaysSend)) {
                ScoreRow a = after.get();
                RecordedGrade grade = new RecordedGrade(
                        a.submissionId(), username, assignment, a.score(), a.maxScore(), a.status(), now);
                for (GradeListener l : listeners) {
                    l.onGradeRecorded(h, grade);
                }
            }
            return true;
        });
    }

    /** {score, max_score} of question {@code q} in a recorded grade, or 400 when it has no such test. */
    private static double[] questionOf(Handle h, long submissionId, String q) {
        return h.createQuery("SELECT score, max_score FROM test_scores WHERE submission_id = ? AND name = ?")
                .bind(0, submissionId)
                .bind(1, q)
                .map((rs, ctx) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                .findOne()
                .orElseThrow(() -> new InvalidGradeChangeException(
                        "the counted submission " + submissionId + " has no question named '" + q + "'"));
    }

    private static OptionalDouble currentQuestionPoints(Handle h, String username, String assignment, String q) {
        return h.createQuery(
                        "SELECT points FROM score_overrides WHERE username = ? AND assignment = ? AND question = ?")
                .bind(0, username)
                .bind(1, assignment)
                .bind(2, q)
                .mapTo(Double.class)
                .findOne()
                .map(OptionalDouble::of)
                .orElse(OptionalDouble.empty());
    }

    static void checkUser(String username) {
        if (username == null || !USER.matcher(username).matches()) {
            throw new InvalidGradeChangeException(
                    "not a user name: letters, digits and . _ @ + - (at most 128, starting with a letter or digit)");
        }
    }

    private static String checkReason(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw new InvalidGradeChangeException("a reason is required (\"reason\": \"...\")");
        }
        if (r.length() > MAX_REASON) {
            throw new InvalidGradeChangeException("the reason is longer than " + MAX_REASON + " characters");
        }
        return r;
    }
}
