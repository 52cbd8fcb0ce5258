package org.gofer.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.gofer.gradebook.GradeListener;
import org.gofer.gradebook.RecordedGrade;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the grades this process recorded, by final status, and the time each took from the
 * moment a worker claimed it (dequeue, {@code started_at}) to its recorded score. Listens inside
 * the gradebook's transaction and never throws, so metrics can never cost a grade. Thread-safe.
 */
public final class GradingMetrics implements GradeListener {
    private static final Logger LOG = LoggerFactory.getLogger(GradingMetrics.class);

    private final DurationHistogram durations = new DurationHistogram(DurationHistogram.GRADING_BOUNDS);
    private final Map<String, LongAdder> recorded =
            new ConcurrentHashMap<>(Map.of("graded", new LongAdder(), "failed", new LongAdder()));

    @Override
    public void onGradeRecorded(Handle handle, RecordedGrade grade) {
        try {
            recorded.computeIfAbsent(grade.status(), s -> new LongAdder()).increment();
            Optional<Long> startedAt = handle.createQuery("SELECT started_at FROM submissions WHERE id = ?")
                    .bind(0, grade.submissionId())
                    .mapTo(Long.class)
                    .findOne();
            startedAt.ifPresent(started ->
                    durations.observe(Duration.ofMillis(grade.recordedAt().toEpochMilli() - started)));
        } catch (RuntimeException e) {
            LOG.debug("metrics missed submission {}: {}", grade.submissionId(), e.toString());
        }
    }

    void writeTo(PrometheusText out) {
        out.header(
                "gofer_grades_recorded_total",
                "counter",
                "Grades recorded by this process since it started, by final status.");
        recorded.forEach((status, n) -> out.sample("gofer_grades_recorded_total", "status", status, n.sum()));
        durations.writeTo(
                out,
                "gofer_grading_duration_seconds",
                "Time from a worker claiming a submission to its recorded score.");
    }

    /** Grades observed so far (for tests and logs). */
    public long observed() {
        return durations.count();
    }
}
