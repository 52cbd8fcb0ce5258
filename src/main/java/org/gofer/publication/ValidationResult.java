package org.gofer.publication;

import java.util.Optional;
import org.gofer.result.GradingReport;

/**
 * How one solution notebook of a validation graded.
 *
 * @param notebook its path in the assignment directory
 * @param status queued, running, graded or failed
 * @param report the per-question report once graded (or the failure's reason)
 */
public record ValidationResult(String notebook, String status, Optional<GradingReport> report) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";

    public boolean finished() {
        return report.isPresent();
    }

    /** Graded to every point possible (and some points were possible). */
    public boolean fullMarks() {
        return report.map(r ->
                        GradingReport.GRADED.equals(r.status()) && r.maxScore() > 0 && r.score() >= r.maxScore() - 1e-9)
                .orElse(false);
    }
}
