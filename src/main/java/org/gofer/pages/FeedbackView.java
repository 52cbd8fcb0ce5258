package org.gofer.pages;

import java.util.List;
import java.util.Optional;
import org.gofer.result.CellError;
import org.gofer.result.GradingReport;
import org.gofer.result.TestResult;
import org.gofer.submission.Submission;

/**
 * A submission's result as a student or instructor reads it: status (updating itself while
 * queued or running), score, per-question feedback, cell errors and limits hit. Hidden tests are
 * a count only unless {@code hiddenVisible} (instructors, or results released). Stateless.
 */
final class FeedbackView {
    private FeedbackView() {}

    static Html render(Viewer viewer, Submission s, List<TestResult> tests, Optional<GradingReport> report,
            boolean hiddenVisible) {
        if (!s.status().isFinal()) {
            return Html.of("""
                    <p class="live" data-poll="%s" data-status="%s">Status: <span class="status %s">%s</span>
                    <span class="hint">— this page updates by itself when grading is done.</span></p>
                    """, viewer.api("submissions/" + s.id()), s.status().wireName(), s.status().wireName(),
                    s.status().wireName());
        }
        List<TestResult> hidden = tests.stream().filter(TestResult::hidden).toList();
        List<TestResult> shown = hiddenVisible ? tests : tests.stream().filter(t -> !t.hidden()).toList();
        Html score;
        if (!hidden.isEmpty() && !hiddenVisible) {
            double points = shown.stream().mapToDouble(TestResult::score).sum();
            double max = shown.stream().mapToDouble(TestResult::maxScore).sum();
            score = Html.of("<p class=\"score\">Visible tests: <strong>%s</strong></p>", Format.score(points, max));
        } else {
            double max = s.maxScore().orElse(0.0);
            double got = s.score().orElse(0.0);
            score = Html.of("<p class=\"score\">Score: <strong>%s</strong> (%s)</p>", Format.score(got, max),
                    Format.percent(max > 0 ? Math.min(1, got / max) : 0));
        }
        Html hiddenNote = Html.when(!hidden.isEmpty() && !hiddenVisible, Html.of(
                "<p class=\"hidden-count\">%s hidden test%s: results appear here once your instructor releases them.</p>",
                hidden.size(), hidden.size() == 1 ? "" : "s"));
        Html reason = s.reason().map(r -> Html.of("<p class=\"reason\">%s</p>", r)).orElse(Html.EMPTY);
        Html rows = shown.stream().map(t -> Html.of("""
                <tr class="%s"><td>%s%s</td><td class="num">%s</td><td>%s</td><td>%s</td></tr>
                """, t.passed() ? "pass" : "fail", t.name(), t.hidden() ? Html.of(" <span class=\"tag\">hidden</span>") : Html.EMPTY,
                Format.score(t.score(), t.maxScore()), t.passed() ? "passed" : "not passed",
                t.message() == null || t.message().isBlank() ? Html.EMPTY : Html.of("<pre>%s</pre>", t.message())))
                .collect(Html.joining());
        Html table = shown.isEmpty() ? Html.EMPTY : Html.of("""
                <table class="tests"><thead><tr><th>Question</th><th>Points</th><th>Result</th><th>Feedback</th></tr></thead>
                <tbody>%s</tbody></table>
                """, rows);
        List<CellError> errors = report.map(GradingReport::errors).orElse(List.of());
        Html errorList = errors.isEmpty() ? Html.EMPTY : Html.of("<h3>Cells that raised</h3><ul class=\"errors\">%s</ul>",
                errors.stream().map(e -> Html.of("<li>cell %s: <code>%s</code>: %s</li>", e.cell(), e.ename(), e.evalue()))
                        .collect(Html.joining()));
        List<String> limits = report.map(GradingReport::limitsHit).orElse(List.of());
        Html limitList = limits.isEmpty() ? Html.EMPTY
                : Html.of("<p class=\"limits\">Limits hit: %s</p>", String.join(", ", limits));
        List<String> suspicious = report.map(GradingReport::suspicious).orElse(List.of());
        Html suspiciousList = !viewer.instructor() || suspicious.isEmpty() ? Html.EMPTY
                : Html.of("<p class=\"problem\">Suspicious: %s</p>", String.join("; ", suspicious));
        return Html.of("%s%s%s%s%s%s%s", score, reason, hiddenNote, table, errorList, limitList, suspiciousList);
    }
}
