package org.gofer.submission;

import java.nio.file.Path;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentKey;

/**
 * One accepted submission on its way into a batch: its notebook is already stored (content
 * fsynced) under {@code sha256}, in {@code directory}, whose fsync makes the name durable.
 */
record IntakeItem(
        String username,
        AssignmentKey key,
        String sha256,
        int sizeBytes,
        String source,
        Assignment.Attempts limits,
        Path directory) {}
