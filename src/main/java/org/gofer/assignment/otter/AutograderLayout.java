package org.gofer.assignment.otter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gofer.assignment.Assignment.SourceFile;

/**
 * Sorts the files of an otter autograder.zip by the role otter gives them: {@code tests/*.py} are
 * the tests, {@code files/**} the support files otter copies beside the submission,
 * {@code otter_config.json}, {@code environment.yml} and (older otters) {@code requirements.txt}
 * describe grading, and the rest is otter's scaffolding for its own Gradescope container.
 */
record AutograderLayout(
        List<SourceFile> tests,
        List<SourceFile> supportFiles,
        Optional<SourceFile> config,
        Optional<SourceFile> environment,
        Optional<SourceFile> requirements,
        List<String> skipped) {

    private static final Set<String> SCAFFOLDING =
            Set.of("run_autograder", "setup.sh", "run_otter.py", "run_tests.py", "requirements.r", "requirements.R");

    static AutograderLayout of(List<SourceFile> files) {
        List<SourceFile> tests = new ArrayList<>();
        List<SourceFile> support = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        SourceFile config = null;
        SourceFile environment = null;
        SourceFile requirements = null;
        for (SourceFile f : files) {
            String path = f.path();
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (path.startsWith("tests/")
                    && path.indexOf('/', 6) < 0
                    && path.endsWith(".py")
                    && !file.startsWith("__")
                    && !file.startsWith(".")) {
                tests.add(f);
            } else if (path.startsWith("files/")) {
                sortSupportFile(new SourceFile(path.substring("files/".length()), f.content()), support, skipped);
            } else if (path.equals("otter_config.json")) {
                config = f;
            } else if (path.equals("environment.yml")) {
                environment = f;
            } else if (path.equals("requirements.txt")) {
                requirements = f;
            } else if (SCAFFOLDING.contains(path)) {
                skipped.add(path + ": otter's own scaffolding for its Gradescope container");
            } else {
                skipped.add(path + ": otter does not give it to the notebook either (only files/ goes beside it)");
            }
        }
        tests.sort(Comparator.comparing(SourceFile::path));
        support.sort(Comparator.comparing(SourceFile::path));
        return new AutograderLayout(
                tests,
                support,
                Optional.ofNullable(config),
                Optional.ofNullable(environment),
                Optional.ofNullable(requirements),
                skipped);
    }

    /**
     * Gofer's catalog never ships notebooks, hidden files, __pycache__ or examples/ to the
     * container, and tests/, assignment.json and requirements.txt are the import's own: such
     * support files are left out and said so rather than written where they would be ignored or clash.
     */
    private static void sortSupportFile(SourceFile f, List<SourceFile> support, List<String> skipped) {
        String path = f.path();
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (path.endsWith(".ipynb")) {
            skipped.add("files/" + path + ": a notebook (Gofer never places notebooks beside the submission)");
        } else if (("/" + path).contains("/.") || ("/" + path + "/").contains("/__pycache__/")) {
            skipped.add("files/" + path + ": hidden or cache file");
        } else if (first.equals("tests")
                || first.equals("examples")
                || path.equals("assignment.json")
                || path.equals("requirements.txt")) {
            throw new ImportRefusedException("files/" + path + " would take the place of Gofer's own "
                    + (first.equals("tests") ? "tests/" : first.equals("examples") ? "examples/" : path)
                    + " in the assignment directory; rename it in the autograder");
        } else {
            support.add(f);
        }
    }
}
