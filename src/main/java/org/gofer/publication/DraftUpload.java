package org.gofer.publication;

import java.util.List;
import java.util.Optional;
import org.gofer.assignment.AssignmentKey;

/**
 * An instructor's upload.
 *
 * @param key where the assignment goes
 * @param archive the zip's bytes
 * @param format how to read it; empty detects it
 * @param solution a solution notebook to add as {@code examples/solution.ipynb} (an otter
 *     autograder.zip carries none)
 * @param replace replace an assignment that is published now (it becomes a draft)
 * @param actor who uploads
 */
public record DraftUpload(
        AssignmentKey key,
        byte[] archive,
        Optional<UploadFormat> format,
        Optional<byte[]> solution,
        boolean replace,
        String actor) {

    /**
     * What was recorded.
     *
     * @param files the assignment directory's files
     * @param solutions the solution notebooks being validated
     * @param replaced a published assignment was replaced
     * @param validation the validation run's id
     */
    public record Result(
            AssignmentKey key,
            UploadFormat format,
            List<String> files,
            List<String> solutions,
            boolean replaced,
            long validation) {}
}
