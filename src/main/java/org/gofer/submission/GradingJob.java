package org.gofer.submission;

/**
 * A claimed submission: the worker holding {@code leaseOwner} may grade it until the lease runs out.
 *
 * @param submission the row as claimed (status running)
 * @param leaseOwner the claiming worker's id; recording a grade requires it
 */
public record GradingJob(Submission submission, String leaseOwner) {}
