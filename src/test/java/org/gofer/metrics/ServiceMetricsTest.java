package org.gofer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.db.Database;
import org.gofer.gradebook.Gradebook;
import org.gofer.result.GradingReport;
import org.gofer.submission.GradingJob;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStore;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics text parses as the Prometheus text format and its figures follow a real gradebook. */
class ServiceMetricsTest {
    /** A sample line: name, optional {labels}, a value. */
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"})? (\\S+)$");

    private static final byte[] NOTEBOOK = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": []}"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private SubmissionStore store;
    private SubmissionQueue queue;
    private Gradebook gradebook;
    private GradingMetrics grading;
    private ServiceMetrics metrics;

    @BeforeEach
    void openGradebook() {
        Jdbi jdbi = Database.open(dir.resolve("gradebook.db"));
        Clock clock = Clock.systemUTC();
        store = new SubmissionStore(jdbi, dir.resolve("data"), clock);
        queue = new SubmissionQueue(jdbi, clock);
        grading = new GradingMetrics();
        gradebook = new Gradebook(jdbi, clock, new AssignmentCatalog(dir.resolve("tests")), List.of(grading));
        metrics = new ServiceMetrics(store::stats, store::intakeStats, grading, 2, () -> 1, 2, clock);
    }

    @Test
    void everyLineIsACommentOrAWellFormedSampleAndEveryMetricIsTyped() {
        String text = metrics.render();

        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.startsWith("# HELP ")) {
                Matcher m = SAMPLE.matcher(line);
                assertThat(m.matches()).as(line).isTrue();
                String value = m.group(3);
                assertThat(value.equals("+Inf") || isNumber(value)).as(line).isTrue();
                String family = m.group(1).replaceAll("_(bucket|sum|count)$", "");
                assertThat(types)
                        .as("TYPE before " + line)
                        .containsKey(types.containsKey(m.group(1)) ? m.group(1) : family);
            }
        }
        assertThat(types)
                .containsEntry("gofer_queue_depth", "gauge")
                .containsEntry("gofer_grading_running", "gauge")
                .containsEntry("gofer_queue_oldest_wait_seconds", "gauge")
                .containsEntry("gofer_grading_duration_seconds", "histogram")
                .containsEntry("gofer_grades_recorded_total", "counter")
                .containsEntry("gofer_submissions", "gauge")
                .containsEntry("gofer_warm_containers_ready", "gauge")
                .containsEntry("gofer_intake_batches_total", "counter")
                .containsEntry("gofer_intake_submissions_total", "counter");
        assertThat(ServiceMetrics.contentType()).startsWith("text/plain; version=0.0.4");
    }

    @Test
    void figuresMoveWithTheQueueAndTheGradebook() {
        assertThat(value("gofer_queue_depth")).isEqualTo(0);
        assertThat(value("gofer_queue_oldest_wait_seconds")).isEqualTo(0);

        long id = store.accept("ada", AssignmentKey.parse("c/s/lab1"), NOTEBOOK, "api")
                .id();
        store.accept("bob", AssignmentKey.parse("c/s/lab1"), NOTEBOOK, "api");
        assertThat(value("gofer_queue_depth")).isEqualTo(2);
        assertThat(value("gofer_intake_submissions_total")).isEqualTo(2);
        assertThat(value("gofer_intake_batches_total"))
                .as("one after the other: one transaction each")
                .isEqualTo(2);
        assertThat(value("gofer_queue_oldest_wait_seconds")).isBetween(0.0, 60.0);

        GradingJob job = queue.claim("test/worker-0", Duration.ofMinutes(1)).orElseThrow();
        assertThat(job.submission().id()).isEqualTo(id);
        assertThat(value("gofer_queue_depth")).isEqualTo(1);
        assertThat(value("gofer_grading_running")).isEqualTo(1);

        assertThat(gradebook.record(id, "test/worker-0", GradingReport.failed("broken on purpose", List.of())))
                .isTrue();
        assertThat(value("gofer_grading_running")).isEqualTo(0);
        assertThat(value("gofer_submissions{status=\"failed\"}")).isEqualTo(1);
        assertThat(value("gofer_grades_recorded_total{status=\"failed\"}")).isEqualTo(1);
        assertThat(value("gofer_grading_duration_seconds_count")).isEqualTo(1);
        assertThat(value("gofer_grading_duration_seconds_bucket{le=\"+Inf\"}")).isEqualTo(1);
        assertThat(value("gofer_warm_containers_ready")).isEqualTo(1);
    }

    private double value(String sample) {
        for (String line : metrics.render().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1));
            }
        }
        throw new AssertionError("no sample " + sample);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
