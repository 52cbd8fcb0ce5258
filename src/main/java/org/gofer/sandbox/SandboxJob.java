package org.gofer.sandbox;

import java.util.List;
import org.gofer.assignment.Assignment;

/**
 * Everything a container needs for one grading; the container gets nothing else from the host.
 *
 * @param submissionId the submission being graded (labels, logs)
 * @param assignment course/section/name
 * @param notebook the notebook exactly as submitted (UTF-8 JSON)
 * @param tests the assignment's OK-format tests (never the notebook's own)
 * @param supportFiles files placed beside the notebook
 * @param scoring "gofer" or "otter"
 * @param image the grading image
 * @param limits resource limits for this run
 * @param seeding otter's intercell seeding, passed to the harness as {@code seed} and {@code seed_variable}
 */
public record SandboxJob(
        long submissionId,
        String assignment,
        byte[] notebook,
        List<Assignment.SourceFile> tests,
        List<Assignment.SourceFile> supportFiles,
        String scoring,
        String image,
        SandboxLimits limits,
        Assignment.Seeding seeding) {

    /** A job without seeding, as most assignments have. */
    public SandboxJob(
            long submissionId,
            String assignment,
            byte[] notebook,
            List<Assignment.SourceFile> tests,
            List<Assignment.SourceFile> supportFiles,
            String scoring,
            String image,
            SandboxLimits limits) {
        this(
                submissionId,
                assignment,
                notebook,
                tests,
                supportFiles,
                scoring,
                image,
                limits,
                Assignment.Seeding.none());
    }
}
