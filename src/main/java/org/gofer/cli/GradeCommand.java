package org.gofer.cli;

import java.io.IOException;
import java.io.PrintStream;
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
 * exactly as the service would, on the executor the configuration names, without a hub or a
 * database. Exit code 0 whenever a result was produced (even a failed one); 2 for bad usage; 1 when
 * grading itself could not run. One run per instance.
 */
public final class GradeCommand {
    public static final String USAGE = "usage: gofer grade NOTEBOOK.ipynb [--assignment course/section/name] [--json]";

    private final AppConfig config;
    private final SandboxRunner sandbox;
    private final Optional<Environments> environments;
    private final long runId;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param sandbox the runner of the configured executor
     * @param environments builds the assignment's environment in the foreground when it is missing;
     *     empty where no environment can be built (the Kubernetes executor)
     * @param runId the id the notebook is graded under (labels, log lines, the Kubernetes Job's name);
     *     no stored submission has it
     * @param out the report
     * @param err progress and errors
     */
    public GradeCommand(
            AppConfig config,
            SandboxRunner sandbox,
            Optional<Environments> environments,
            long runId,
            PrintStream out,
            PrintStream err) {
        this.config = config;
        this.sandbox = sandbox;
        this.environments = environments;
        this.runId = runId;
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
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
                err.println("unknown option " + a + "\n" + USAGE);
                return 2;
            } else {
                files.add(a);
            }
        }
        if (files.size() != 1) {
            err.println(USAGE);
            return 2;
        }
        try {
            return grade(Path.of(files.get(0)), assignmentArg, json);
        } catch (GoferException | IOException e) {
            err.println("gofer grade: " + e.getMessage());
            return 1;
        }
    }

    private int grade(Path notebook, Optional<String> assignmentArg, boolean json) throws IOException {
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
        Optional<EnvironmentSpec> spec =
                EnvironmentSpec.of(assignment.settings(), config.sandbox().image());
        SandboxJob job;
        if (spec.isEmpty()) {
            job = SandboxJobs.create(runId, assignment, bytes, config.sandbox());
        } else if (environments.isPresent()) {
            job = SandboxJobs.create(
                    runId, assignment, bytes, config.sandbox(), environmentImage(environments.get(), key, spec.get()));
        } else {
            err.println("gofer grade: " + noEnvironmentBuilds(key));
            return 1;
        }
        GradingReport report = new OutcomeInterpreter().interpret(job, sandbox.run(job));
        if (json) {
            ReportPrinter.json(report, out);
        } else {
            ReportPrinter.human(notebook.toString(), key.toString(), report, out);
        }
        return 0;
    }

    /** The assignment's environment, built first when needed, with the build's output on stderr. */
    private String environmentImage(Environments environments, AssignmentKey key, EnvironmentSpec spec) {
        err.println("gofer grade: preparing the environment of " + key + " (built once, then reused)");
        String tag = environments.ensureInForeground(key, spec, err::print);
        err.println("gofer grade: grading in " + tag);
        return tag;
    }

    /** Says what to do instead, as docs/kubernetes.md does ("Not available on Kubernetes"). */
    private static String noEnvironmentBuilds(AssignmentKey key) {
        return key + " asks for an environment to be built (\"environment\" in its assignment.json, or a"
                + " requirements.txt beside its tests), but"
                + " this process builds no environments: they are built only with the Docker executor."
                + " On Kubernetes, build and push the image beforehand and name it with \"image\" in"
                + " assignment.json instead.";
    }
}
