package org.gofer.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.gofer.result.CellError;
import org.gofer.result.GradingReport;
import org.gofer.result.TestResult;
import org.gofer.submission.Submission;

/** The wire shapes of submissions (snake_case through {@link org.gofer.Json#snakeCase()}); built here, never in a store. */
final class SubmissionViews {
    private SubmissionViews() {}

    /** The 202 answer to a submission. */
    record Accepted(long id, String status, String assignment, String message, SelfLink links) {}

    /** Where a submission's own JSON lives. */
    record SelfLink(String self) {
        static SelfLink of(long id, String prefix) {
            return new SelfLink(prefix + "api/submissions/" + id);
        }
    }

    /** One line of a list. */
    record Summary(
            long id,
            String user,
            String assignment,
            String status,
            Instant submittedAt,
            Double score,
            Double maxScore,
            SelfLink links) {}

    /** A page of a list; {@code next_before} continues it. */
    record Page(List<Summary> submissions, Long nextBefore) {}

    /** One test as shown: hidden tests reach students without their message. */
    record TestView(String name, double score, double maxScore, boolean hidden, boolean passed, String message) {}

    /** A submission in full; fields for instructors only are null (left out) for students. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(
            long id,
            String user,
            String assignment,
            String status,
            String source,
            Instant submittedAt,
            Instant startedAt,
            Instant finishedAt,
            Integer attempts,
            Double score,
            Double maxScore,
            String reason,
            List<TestView> tests,
            int hiddenTests,
            List<CellError> errors,
            List<String> limitsHit,
            List<String> suspicious,
            SelfLink links) {}

    static Summary summary(Submission s, String prefix) {
        return new Summary(
                s.id(),
                s.username(),
                s.assignment(),
                s.status().wireName(),
                s.submittedAt(),
                s.score().orElse(null),
                s.maxScore().orElse(null),
                SelfLink.of(s.id(), prefix));
    }

    /**
     * @param hiddenVisible instructors, or students once the assignment's hidden results are
     *     released; otherwise tests with hidden cases appear only in the {@code hidden_tests} count
     */
    static Detail detail(
            Submission s,
            List<TestResult> tests,
            java.util.Optional<GradingReport> report,
            boolean instructor,
            boolean hiddenVisible,
            String prefix) {
        List<TestView> views = tests.stream()
                .filter(t -> hiddenVisible || !t.hidden())
                .map(t -> new TestView(t.name(), t.score(), t.maxScore(), t.hidden(), t.passed(), t.message()))
                .toList();
        int hidden = (int) tests.stream().filter(TestResult::hidden).count();
        return new Detail(
                s.id(),
                s.username(),
                s.assignment(),
                s.status().wireName(),
                s.source(),
                s.submittedAt(),
                s.startedAt().orElse(null),
                s.finishedAt().orElse(null),
                instructor ? s.attempts() : null,
                s.score().orElse(null),
                s.maxScore().orElse(null),
                s.reason().orElse(null),
                views,
                hidden,
                report.map(GradingReport::errors).orElse(List.of()),
                report.map(GradingReport::limitsHit).orElse(List.of()),
                instructor ? report.map(GradingReport::suspicious).orElse(List.of()) : null,
                SelfLink.of(s.id(), prefix));
    }
}
