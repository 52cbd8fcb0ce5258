package org.gofer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gofer.GoferException;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.config.AppConfig;
import org.gofer.environment.EnvironmentSpec;
import org.gofer.environment.Environments;
import org.gofer.grading.OutcomeInterpreter;
import org.gofer.grading.SandboxJobs;
import org.gofer.result.GradingReport;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.submission.NotebookParser;

/**
 * {@code gofer grade NOTEBOOK [--assignment course/section/name] [--json]}: grades one notebook
 * exactly as the service would, without a hub or a database. Exit code 0 whenever a result was
 * produced (even a failed one); 2 for bad usage; 1 when grading itself could not run.
 */
public final class GradeCommand {
    private final AppConfig config;
    private final SandboxRunner sandbox;
    private final Environments environments;

    /** @param environments builds the assignment's environment in the foreground when it is missing */
    public GradeCommand(AppConfig config, SandboxRunner sandbox, Environments environments) {
        this.config = config;
        this.sandbox = sandbox;
        this.environments = environments;
    }

    public static final String USAGE = "usage: gofer grade NOTEBOOK.ipynb [--assignment course/section/name] [--json]";

    public int run(List<String> args) throws IOException {
        Optional<String> assignmentArg = Optional.empty();
        boolean json = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--assignment") && i + 1 < args.size()) {
                assignmentArg = Optional.of(args.get(++i));
            } else if (a.startsWith("--assignment=")) {
                assignmentArg = Optional.of(a.substring("--assignment=".length()));
            } else if (a.startsWith("-")) {
                System.err.println("unknown option " + a + "\n" + USAGE);
                return 2;
            } else {
                files.add(a);
            }
        }
        if (files.size() != 1) {
            System.err.println(USAGE);
            return 2;
        }
        Path notebook = Path.of(files.get(0));
        try {
            NotebookParser parser = new NotebookParser(
                    config.intake().maxBodyBytes(), config.intake().defaultCourse());
            byte[] file = Files.readAllBytes(notebook);
            AssignmentKey key;
            byte[] bytes;
            if (assignmentArg.isPresent()) {
                key = AssignmentKey.parse(assignmentArg.get());
                bytes = parser.notebookBytes(file);
            } else {
                NotebookParser.Parsed parsed = parser.parse(file);
                key = parsed.key();
                bytes = parsed.notebook();
            }
            Assignment assignment = new AssignmentCatalog(config.testsDir()).load(key);
            SandboxJob job = SandboxJobs.create(0, assignment, bytes, config.sandbox(), image(assignment));
            GradingReport report = new OutcomeInterpreter().interpret(job, sandbox.run(job));
            if (json) {
                ReportPrinter.json(report, System.out);
            } else {
                ReportPrinter.human(notebook.toString(), key.toString(), report, System.out);
            }
            return 0;
        } catch (GoferException | IOException e) {
            System.err.println("gofer grade: " + e.getMessage());
            return 1;
        }
    }

    /** The assignment's image; its environment is built first when needed, with the build's output on stderr. */
    private String image(Assignment assignment) {
        Optional<EnvironmentSpec> spec =
                EnvironmentSpec.of(assignment.settings(), config.sandbox().image());
        if (spec.isEmpty()) {
            return assignment.settings().image().orElse(config.sandbox().image());
        }
        System.err.println(
                "gofer grade: preparing the environment of " + assignment.key() + " (built once, then " + "reused)");
        String tag = environments.ensureInForeground(assignment.key(), spec.get(), System.err::print);
        System.err.println("gofer grade: grading in " + tag);
        return tag;
    }
}
