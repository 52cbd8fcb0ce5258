package org.gofer.publication;

import java.util.List;
import org.gofer.assignment.Assignment.SourceFile;

/**
 * The files of a zipped assignment directory, as the catalog expects them: {@code tests/*.py} at
 * the top. A zip made by compressing the folder itself ({@code hw01/tests/q1.py}) loses that one
 * folder; archivers' litter ({@code __MACOSX/}, {@code .DS_Store}) is dropped.
 */
final class AssignmentArchive {
    private AssignmentArchive() {}

    /** @throws UploadRejectedException when there is no {@code tests/*.py} */
    static List<SourceFile> directoryFiles(List<SourceFile> entries) {
        List<SourceFile> files = entries.stream()
                .filter(f -> !f.path().startsWith("__MACOSX/") && !f.path().endsWith(".DS_Store"))
                .toList();
        if (!hasTests(files)) {
            String top = commonFolder(files);
            if (top != null) {
                files = files.stream()
                        .map(f -> new SourceFile(f.path().substring(top.length()), f.content()))
                        .toList();
            }
        }
        if (!hasTests(files)) {
            throw new UploadRejectedException("the archive has no tests/*.py: zip the assignment's folder (tests/, "
                    + "assignment.json, support files, a *solution*.ipynb), or upload an otter autograder.zip");
        }
        return files;
    }

    private static boolean hasTests(List<SourceFile> files) {
        return files.stream()
                .map(SourceFile::path)
                .anyMatch(p -> p.startsWith("tests/") && p.indexOf('/', 6) < 0 && p.endsWith(".py"));
    }

    /** "hw01/" when every file is inside that one folder, else null. */
    private static String commonFolder(List<SourceFile> files) {
        if (files.isEmpty() || files.get(0).path().indexOf('/') < 0) {
            return null;
        }
        String top = files.get(0).path().substring(0, files.get(0).path().indexOf('/') + 1);
        return files.stream().allMatch(f -> f.path().startsWith(top)) ? top : null;
    }
}
