package org.gofer.assignment.otter;

import java.nio.file.Path;
import java.util.List;
import org.gofer.assignment.AssignmentKey;

/**
 * What an import wrote and decided, for the instructor to check.
 *
 * @param key the new assignment's key
 * @param directory where it was written
 * @param tests test files, as written under tests/
 * @param supportFiles files placed beside the notebook at grading time
 * @param requirements pip requirements written to requirements.txt (empty: none written)
 * @param droppedRequirements requirement lines left out, each with why
 * @param condaOnly conda dependencies Gofer cannot install (reported only)
 * @param options what each otter_config.json option came to
 * @param skipped archive files not imported, each with why
 * @param replaced whether an existing assignment was replaced
 */
public record ImportSummary(
        AssignmentKey key,
        Path directory,
        List<String> tests,
        List<String> supportFiles,
        List<String> requirements,
        List<String> droppedRequirements,
        List<String> condaOnly,
        List<OtterOptions.Decision> options,
        List<String> skipped,
        boolean replaced) {}
