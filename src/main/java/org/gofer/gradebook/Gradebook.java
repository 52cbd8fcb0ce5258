package org.gofer.gradebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gofer.Json;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.result.GradingReport;
import org.gofer.result.TestResult;
import org.gofer.submission.SubmissionStatus;
import org.jdbi.v3.core.Jdbi;

/**
 * Records grades and answers for them. {@link #record} writes the grade, its per-question scores
 * and whatever the listeners add (the LTI outbox) in one transaction, and only while the caller
 * still holds the job's lease: that is what makes a grade recorded exactly once. Thread-safe.
 */
public final class Gradebook {
    private final Jdbi jdbi;
    private final Clock clock;
    private final List<GradeListener> listeners;
    private final CsvExporter csv;
    private final ObjectMapper json = Json.mapper();

    public Gradebook(Jdbi jdbi, Clock clock, AssignmentCatalog catalog, List<GradeListener> listeners) {
        this.jdbi = jdbi;
        this.csv = new CsvExporter(jdbi, catalog);
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Records the grade of a running submission held by {@code leaseOwner}.
     *
     * @return false when the lease was lost (another worker took the job): nothing was written
     */
    public boolean record(long submissionId, String leaseOwner, GradingReport report) {
        Instant now = clock.instant();
        String reportJson = toJson(report);
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE submissions
                               SET status = :status, score = :score, max_score = :max, reason = :reason,
                                   suspicious = :suspicious, result_json = :json, finished_at = :now,
                                   lease_owner = NULL, lease_until = NULL,
                                   recorded_count = recorded_count + 1
                             WHERE id = :id AND status = :running AND lease_owner = :owner""")
                    .bind("running", SubmissionStatus.RUNNING.wireName())
                    .bind("status", report.status())
                    .bind("score", report.score())
                    .bind("max", report.maxScore())
                    .bind("reason", report.reason().orElse(null))
                    .bind("suspicious", report.suspicious().isEmpty() ? 0 : 1)
                    .bind("json", reportJson)
                    .bind("now", now.toEpochMilli())
                    .bind("id", submissionId)
                    .bind("owner", leaseOwner)
                    .execute();
            if (updated != 1) {
                return false;
            }
            h.execute("DELETE FROM test_scores WHERE submission_id = ?", submissionId);
            int position = 0;
            for (TestResult t : report.tests()) {
                h.createUpdate("""
                                INSERT INTO test_scores (submission_id, position, name, score, max_score, hidden,
                                                         passed, message)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .bind(0, submissionId)
                        .bind(1, position++)
                        .bind(2, t.name())
                        .bind(3, t.score())
                        .bind(4, t.maxScore())
                        .bind(5, t.hidden() ? 1 : 0)
                        .bind(6, t.passed() ? 1 : 0)
                        .bind(7, t.message())
                        .execute();
            }
            RecordedGrade grade = h.createQuery("SELECT username, assignment FROM submissions WHERE id = ?")
                    .bind(0, submissionId)
                    .map((rs, ctx) -> new RecordedGrade(
                            submissionId,
                            rs.getString(1),
                            rs.getString(2),
                            report.score(),
                            report.maxScore(),
                            report.status(),
                            now))
                    .one();
            for (GradeListener l : listeners) {
                l.onGradeRecorded(h, grade);
            }
            return true;
        });
    }

    /** Per-question scores of a recorded grade, in test order. */
    public List<TestResult> testScores(long submissionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT name, score, max_score, hidden, passed, message FROM test_scores
                         WHERE submission_id = ? ORDER BY position""")
                .bind(0, submissionId)
                .map((rs, ctx) -> new TestResult(
                        rs.getString(1),
                        rs.getDouble(2),
                        rs.getDouble(3),
                        rs.getInt(4) != 0,
                        rs.getInt(5) != 0,
                        rs.getString(6)))
                .list());
    }

    /** The full recorded report (cell errors, suspicious findings, limits hit), once graded. */
    public Optional<GradingReport> report(long submissionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT result_json FROM submissions WHERE id = ?")
                        .bind(0, submissionId)
                        .mapTo(String.class)
                        .findOne())
                .filter(s -> s != null && !s.isEmpty())
                .map(this::fromJson);
    }

    /** Writes the gradebook CSV for one assignment or, when empty, for all. */
    public void exportCsv(java.io.Writer out, Optional<String> assignment) {
        csv.export(out, assignment);
    }

    /** Writes the gradebook CSV for one assignment or all, within the given courses only. */
    public void exportCsv(java.io.Writer out, Optional<String> assignment, java.util.Collection<String> courses) {
        csv.export(out, assignment, Optional.of(courses));
    }

    /** The courses that have submissions, sorted. */
    public List<String> coursesWithSubmissions() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT substr(assignment, 1, instr(assignment, '/') - 1) AS course
                          FROM submissions ORDER BY course""").mapTo(String.class).list());
    }

    /** The counted grade per student and assignment ({@link CountedGrades}), by assignment and student. */
    public List<ScoreRow> standings(Optional<String> assignment) {
        return csv.rows(assignment);
    }

    private String toJson(GradingReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a grading report", e);
        }
    }

    private GradingReport fromJson(String s) {
        try {
            return json.readValue(s, GradingReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored grading report is unreadable", e);
        }
    }
}
