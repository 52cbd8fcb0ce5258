package org.gofer.sandbox;

/**
 * Runs one grading job in isolation and returns what happened. Implementations must be
 * thread-safe: every worker calls {@link #run} concurrently.
 */
public interface SandboxRunner extends AutoCloseable {

    /**
     * Grades the job. Problems of the submission (timeout, memory, a killed or lying harness)
     * are outcomes, not exceptions.
     *
     * @throws SandboxUnavailableException when the grading could not run for reasons that are
     *     not the submission's (Docker down, image missing): the job should stay queued
     */
    SandboxOutcome run(SandboxJob job);

    /** True when a grading could start now (Docker answers and the image is present). */
    boolean healthy();

    @Override
    default void close() {}
}
