package org.gofer.pages;

import java.util.List;
import java.util.Optional;
import org.gofer.result.CellError;
import org.gofer.result.GradingReport;
import org.gofer.result.TestResult;
import org.gofer.submission.Submission;

/**
 * A submission's result as a student or instructor reads it (feedback.jte): status (updating
 * itself while queued or running), score, per-question feedback, cell errors and limits hit.
 * Hidden tests are a count only unless {@code hiddenVisible} (instructors, or results released).
 * Stateless.
 */
final class FeedbackView {
    private FeedbackView() {}

    /**
     * What feedback.jte shows.
     *
     * @param shown the tests whose results the viewer may see
     * @param hiddenCount tests withheld from the viewer (0 when all are shown)
     * @param suspicious what the harness found odd; empty unless the viewer is an instructor
     */
    record Model(
            Viewer v,
            Submission s,
            List<TestResult> shown,
            int hiddenCount,
            List<CellError> errors,
            List<String> limits,
            List<String> suspicious) {

        /** The visible tests' points, or the submission's, as "got / max". */
        String score() {
            if (hiddenCount > 0) {
                return Format.score(
                        shown.stream().mapToDouble(TestResult::score).sum(),
                        shown.stream().mapToDouble(TestResult::maxScore).sum());
            }
            return Format.score(s.score().orElse(0.0), s.maxScore().orElse(0.0));
        }

        String percent() {
            double max = s.maxScore().orElse(0.0);
            return Format.percent(max > 0 ? Math.min(1, s.score().orElse(0.0) / max) : 0);
        }
    }

    static Model of(
            Viewer viewer,
            Submission s,
            List<TestResult> tests,
            Optional<GradingReport> report,
            boolean hiddenVisible) {
        int hidden = hiddenVisible
                ? 0
                : (int) tests.stream().filter(TestResult::hidden).count();
        List<TestResult> shown =
                hiddenVisible ? tests : tests.stream().filter(t -> !t.hidden()).toList();
        return new Model(
                viewer,
                s,
                shown,
                hidden,
                report.map(GradingReport::errors).orElse(List.of()),
                report.map(GradingReport::limitsHit).orElse(List.of()),
                viewer.mayTeach(s.course())
                        ? report.map(GradingReport::suspicious).orElse(List.of())
                        : List.of());
    }
}
