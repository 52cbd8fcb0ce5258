package org.gofer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gofer.GoferException;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.InvalidAssignmentKeyException;
import org.gofer.assignment.otter.ImportRefusedException;
import org.gofer.assignment.otter.ImportSummary;
import org.gofer.assignment.otter.OtterImporter;
import org.gofer.assignment.otter.OtterOptions;
import org.gofer.assignment.otter.SafeZipReader;
import org.gofer.assignment.otter.UnsafeArchiveException;

/**
 * {@code gofer assignment import AUTOGRADER.zip --as course/section/name [--force]
 * [--allow-unsupported]}: makes an otter-grader autograder.zip a Gofer assignment under the tests
 * directory and prints what it imported and decided. Exit code 0 when imported; 2 for bad usage
 * or a refusal (unsafe archive, unsupported option or requirement, existing target without
 * {@code --force}), with nothing written; 1 when reading or writing failed.
 */
public final class AssignmentCommand {
    public static final String USAGE = "usage: gofer assignment import AUTOGRADER.zip --as course/section/name "
            + "[--force] [--allow-unsupported]";

    private final Path testsDir;
    private final PrintStream out;
    private final PrintStream err;

    public AssignmentCommand(Path testsDir, PrintStream out, PrintStream err) {
        this.testsDir = testsDir;
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("import")) {
            err.println(USAGE);
            return 2;
        }
        Optional<String> as = Optional.empty();
        boolean force = false;
        boolean allowUnsupported = false;
        List<String> files = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--force")) {
                force = true;
            } else if (a.equals("--allow-unsupported")) {
                allowUnsupported = true;
            } else if (a.equals("--as") && i + 1 < args.size()) {
                as = Optional.of(args.get(++i));
            } else if (a.startsWith("--as=")) {
                as = Optional.of(a.substring("--as=".length()));
            } else if (a.startsWith("-")) {
                err.println("unknown option " + a + "\n" + USAGE);
                return 2;
            } else {
                files.add(a);
            }
        }
        if (files.size() != 1 || as.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        Path zip = Path.of(files.get(0));
        try {
            AssignmentKey key = AssignmentKey.parse(as.get());
            if (!Files.isRegularFile(zip)) {
                err.println("gofer assignment import: " + zip + " is not a file");
                return 2;
            }
            ImportSummary summary = new OtterImporter(testsDir, SafeZipReader.withDefaults())
                    .importZip(zip, key, new OtterImporter.Options(force, allowUnsupported));
            print(summary);
            return 0;
        } catch (InvalidAssignmentKeyException | ImportRefusedException | UnsafeArchiveException e) {
            err.println("gofer assignment import: refused: " + e.getMessage());
            return 2;
        } catch (GoferException | IOException e) {
            err.println("gofer assignment import: " + e.getMessage());
            return 1;
        }
    }

    private void print(ImportSummary s) {
        out.printf("%s %s as %s (scoring: otter)%n", s.replaced() ? "replaced" : "imported", s.directory(), s.key());
        out.printf("tests (%d): %s%n", s.tests().size(), String.join(", ", s.tests()));
        out.printf(
                "support files (%d): %s%n",
                s.supportFiles().size(), s.supportFiles().isEmpty() ? "none" : String.join(", ", s.supportFiles()));
        out.println("environment: "
                + (s.requirements().isEmpty()
                        ? "no extra requirements"
                        : "requirements.txt with " + String.join(", ", s.requirements())));
        s.droppedRequirements().forEach(d -> out.println("  dropped requirement " + d));
        if (!s.condaOnly().isEmpty()) {
            out.println("  conda-only dependencies, not installed by Gofer (check the grading image has them): "
                    + String.join(", ", s.condaOnly()));
        }
        if (s.options().isEmpty()) {
            out.println("otter_config.json: none");
        }
        for (OtterOptions.Kind kind : OtterOptions.Kind.values()) {
            s.options().stream()
                    .filter(d -> d.kind() == kind)
                    .forEach(d -> out.printf(
                            "%s %s: %s%n",
                            kind == OtterOptions.Kind.REFUSED
                                    ? "NOT HONOURED (--allow-unsupported)"
                                    : kind.name().toLowerCase(Locale.ROOT),
                            d.option(),
                            d.note()));
        }
        s.skipped().forEach(x -> out.println("skipped " + x));
        out.println("points per question are computed when grading: try `gofer grade SOLUTION.ipynb --assignment "
                + s.key() + "`");
    }
}
