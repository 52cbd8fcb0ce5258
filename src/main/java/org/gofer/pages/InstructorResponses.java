package org.gofer.pages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gofer.submission.QueueStats;
import org.gofer.submission.SubmissionStatus;

/**
 * The JSON answers of {@link InstructorApi} (snake_case through {@link org.gofer.Json#snakeCase()}).
 * Scripts read these, so a field keeps its name, place and type.
 */
final class InstructorResponses {
    private InstructorResponses() {}

    /**
     * The 202 answer to a regrade: {@code submission} for one submission, {@code links} for a whole
     * assignment; the other is left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Regrade(Long submission, String assignment, ProgressLink links, int requeued) {}

    /** Where to follow an assignment's regrade. */
    record ProgressLink(String progress) {}

    /** An assignment's submissions by state; {@code done} once none is queued or running. */
    record Progress(String assignment, long queued, long running, long graded, long failed, long total, boolean done) {
        static Progress of(String assignment, Map<SubmissionStatus, Long> counts) {
            long queued = counts.getOrDefault(SubmissionStatus.QUEUED, 0L);
            long running = counts.getOrDefault(SubmissionStatus.RUNNING, 0L);
            long graded = counts.getOrDefault(SubmissionStatus.GRADED, 0L);
            long failed = counts.getOrDefault(SubmissionStatus.FAILED, 0L);
            return new Progress(
                    assignment,
                    queued,
                    running,
                    graded,
                    failed,
                    queued + running + graded + failed,
                    queued + running == 0);
        }
    }

    /** The whole queue: counts, and the submissions being graded, waiting to retry, or failed lately. */
    record Queue(
            long queued,
            long running,
            long graded,
            long failed,
            Instant oldestQueued,
            List<QueueMonitor.Entry> beingGraded,
            List<QueueMonitor.Entry> retrying,
            List<QueueMonitor.Entry> recentFailures) {
        static Queue of(QueueStats stats, QueueMonitor monitor) {
            return new Queue(
                    stats.queued(),
                    stats.running(),
                    stats.graded(),
                    stats.failed(),
                    stats.oldestQueued().orElse(null),
                    monitor.running(),
                    monitor.retrying(),
                    monitor.recentFailures());
        }
    }

    /** An assignment's score histogram: how many students fall in each bin of the percent range. */
    record Distribution(String assignment, int binWidthPercent, List<Integer> bins, int students) {
        static Distribution of(String assignment, int[] bins) {
            return new Distribution(
                    assignment,
                    100 / Histogram.BINS,
                    Arrays.stream(bins).boxed().toList(),
                    Arrays.stream(bins).sum());
        }
    }

    /** Whether an assignment's hidden results are now shown to its students. */
    record Release(String assignment, boolean released) {}
}
