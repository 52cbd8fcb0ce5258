package org.gofer.publication;

import java.util.List;
import org.gofer.assignment.Assignment.SourceFile;

/** What an uploaded zip holds: an assignment directory as Gofer lays it out, or an otter autograder.zip. */
public enum UploadFormat {
    DIRECTORY,
    OTTER;

    /**
     * otter's autograder.zip always carries its {@code run_autograder} script or {@code otter_config.json}
     * at the top; an assignment directory has neither.
     */
    static UploadFormat detect(List<SourceFile> files) {
        boolean otter = files.stream()
                .map(SourceFile::path)
                .anyMatch(p -> p.equals("run_autograder") || p.equals("otter_config.json"));
        return otter ? OTTER : DIRECTORY;
    }
}
