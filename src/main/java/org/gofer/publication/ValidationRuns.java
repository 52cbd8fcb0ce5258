package org.gofer.publication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gofer.Json;
import org.gofer.result.GradingReport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The validations table: runs and their per-notebook results. Separate from {@code submissions}
 * on purpose: a validation is never a student's grade, so no reader of submissions (gradebook, CSV,
 * LTI, lists) can count one. Thread-safe.
 */
public final class ValidationRuns {
    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper json = Json.mapper();

    public ValidationRuns(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A run with its notebooks queued, inside the caller's transaction; returns its id. */
    long create(Handle h, String assignment, String requestedBy, List<String> notebooks) {
        long id = h.createUpdate("""
                        INSERT INTO validation_runs (assignment, requested_by, requested_at)
                        VALUES (:a, :by, :now)""")
                .bind("a", assignment)
                .bind("by", requestedBy)
                .bind("now", clock.millis())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        for (String nb : notebooks) {
            h.createUpdate("INSERT INTO validation_results (run_id, notebook, status) VALUES (?, ?, 'queued')")
                    .bind(0, id)
                    .bind(1, nb)
                    .execute();
        }
        return id;
    }

    void markRunning(long runId, String notebook) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE validation_results SET status = 'running', started_at = :now
                         WHERE run_id = :run AND notebook = :nb""")
                .bind("now", clock.millis())
                .bind("run", runId)
                .bind("nb", notebook)
                .execute());
    }

    void record(long runId, String notebook, GradingReport report) {
        String text;
        try {
            text = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a grading report", e);
        }
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE validation_results
                           SET status = :status, score = :score, max_score = :max, reason = :reason,
                               result_json = :json, finished_at = :now
                         WHERE run_id = :run AND notebook = :nb""")
                .bind("status", report.status())
                .bind("score", report.score())
                .bind("max", report.maxScore())
                .bind("reason", report.reason().orElse(null))
                .bind("json", text)
                .bind("now", clock.millis())
                .bind("run", runId)
                .bind("nb", notebook)
                .execute());
    }

    /** The assignment's newest run, if it ever had one. */
    public Optional<ValidationRun> latest(String assignment) {
        return jdbi.withHandle(h -> latest(h, assignment));
    }

    Optional<ValidationRun> latest(Handle h, String assignment) {
        return h.createQuery("SELECT id FROM validation_runs WHERE assignment = ? ORDER BY id DESC LIMIT 1")
                .bind(0, assignment)
                .mapTo(Long.class)
                .findOne()
                .map(id -> load(h, id));
    }

    public Optional<ValidationRun> find(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM validation_runs WHERE id = ?")
                .bind(0, runId)
                .mapTo(Long.class)
                .findOne()
                .map(id -> load(h, id)));
    }

    /** Runs with notebooks not yet graded: a service that stopped mid-validation grades them at start. */
    List<Long> unfinished() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT run_id FROM validation_results
                         WHERE status IN ('queued', 'running') ORDER BY run_id""").mapTo(Long.class).list());
    }

    private ValidationRun load(Handle h, long id) {
        List<ValidationResult> results = new ArrayList<>();
        h.createQuery("SELECT notebook, status, result_json FROM validation_results WHERE run_id = ? ORDER BY notebook")
                .bind(0, id)
                .map((rs, ctx) -> new ValidationResult(
                        rs.getString(1),
                        rs.getString(2),
                        Optional.ofNullable(rs.getString(3)).map(this::report)))
                .forEach(results::add);
        return h.createQuery("SELECT assignment, requested_by, requested_at FROM validation_runs WHERE id = ?")
                .bind(0, id)
                .map((rs, ctx) -> new ValidationRun(
                        id,
                        rs.getString(1),
                        rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        List.copyOf(results)))
                .one();
    }

    private GradingReport report(String text) {
        try {
            return json.readValue(text, GradingReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored validation report is unreadable", e);
        }
    }
}
