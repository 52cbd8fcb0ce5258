package org.gofer.submission;

import java.time.Instant;
import java.util.Optional;

/**
 * A submission row.
 *
 * @param id the submission's number, also its public id
 * @param username the hub user who submitted
 * @param assignment course/section/name
 * @param notebookSha256 names the stored raw notebook
 * @param source how it arrived (api, upload, regrade, ...)
 * @param submittedAt when the 202 was sent
 * @param status where it is in the flow
 * @param attempts grading attempts started (more than one only after a crash or an outage)
 * @param startedAt when the current or last attempt started
 * @param finishedAt when the grade was recorded
 * @param score points earned, once recorded
 * @param maxScore points possible, once recorded
 * @param reason why grading failed or what limited it
 * @param suspicious true when the harness found tampering
 */
public record Submission(
        long id,
        String username,
        String assignment,
        String notebookSha256,
        String source,
        Instant submittedAt,
        SubmissionStatus status,
        int attempts,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<Double> score,
        Optional<Double> maxScore,
        Optional<String> reason,
        boolean suspicious) {

    /** The course: the first part of the assignment key. */
    public String course() {
        int slash = assignment.indexOf('/');
        return slash < 0 ? assignment : assignment.substring(0, slash);
    }
}
