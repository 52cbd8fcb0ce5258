package org.gofer.assignment.otter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.gofer.Json;
import org.gofer.assignment.Assignment.SourceFile;
import org.gofer.assignment.AssignmentKey;

/**
 * Turns an otter-grader autograder.zip into {@code <tests dir>/<course>/<section>/<name>/}:
 * {@code tests/*.py} as they are, the zip's {@code files/} beside them, {@code assignment.json}
 * with {@code "scoring": "otter"} and the honoured options, and {@code requirements.txt} from
 * the zip's requirements. Everything is decided before anything is written; a refusal leaves the
 * tests directory as it was. Stateless apart from its settings; one import at a time per target.
 */
public final class OtterImporter {
    static final String REQUIREMENTS = "requirements.txt";

    private final Path testsDir;
    private final SafeZipReader reader;
    private final ObjectMapper json = Json.mapper();

    public OtterImporter(Path testsDir, SafeZipReader reader) {
        this.testsDir = testsDir.toAbsolutePath().normalize();
        this.reader = reader;
    }

    /**
     * @param replace replace an existing assignment of that key (otherwise refuse)
     * @param allowUnsupported import even though some options will not be honoured
     */
    public record Options(boolean replace, boolean allowUnsupported) {}

    public ImportSummary importZip(Path zip, AssignmentKey key, Options options) throws IOException {
        AssignmentDirectoryWriter writer = new AssignmentDirectoryWriter(testsDir, key);
        if (writer.targetExists() && !options.replace()) {
            throw new ImportRefusedException(writer.target() + " already exists; pass --force to replace it");
        }
        Plan plan = plan(reader.read(zip), zip.toString(), key, options.allowUnsupported());
        boolean replaced = writer.write(plan.files(), options.replace());
        return new ImportSummary(
                key,
                writer.target(),
                plan.layout().tests().stream().map(SourceFile::path).toList(),
                plan.layout().supportFiles().stream().map(SourceFile::path).toList(),
                plan.reqs().kept(),
                plan.reqs().dropped(),
                plan.condaOnly(),
                plan.decisions(),
                plan.layout().skipped(),
                replaced);
    }

    /**
     * The files of the assignment directory an autograder.zip becomes, without writing anything:
     * for uploads, which write the directory themselves once the draft is recorded.
     *
     * @throws UnsafeArchiveException for a hostile archive
     * @throws ImportRefusedException for an autograder Gofer would not grade the way otter does
     */
    public List<SourceFile> assignmentFiles(byte[] zip, AssignmentKey key, boolean allowUnsupported)
            throws IOException {
        return plan(reader.read(zip), "the archive", key, allowUnsupported).files();
    }

    /** What an import writes, decided before anything is written. */
    private record Plan(
            List<SourceFile> files,
            AutograderLayout layout,
            PipRequirements.Filtered reqs,
            List<String> condaOnly,
            List<OtterOptions.Decision> decisions) {}

    private Plan plan(List<SourceFile> entries, String zipName, AssignmentKey key, boolean allowUnsupported)
            throws IOException {
        AutograderLayout layout = AutograderLayout.of(entries);
        if (layout.tests().isEmpty()) {
            throw new ImportRefusedException(zipName
                    + " has no tests/*.py: is it an autograder.zip written by otter assign " + "or otter generate?");
        }

        ObjectNode assignment = json.createObjectNode();
        assignment.put("title", key.name());
        assignment.put("scoring", "otter");
        List<OtterOptions.Decision> decisions = layout.config()
                .map(c -> OtterOptions.apply(config(c), assignment))
                .orElse(List.of());
        List<OtterOptions.Decision> refused = decisions.stream()
                .filter(d -> d.kind() == OtterOptions.Kind.REFUSED)
                .toList();
        if (!refused.isEmpty() && !allowUnsupported) {
            throw new ImportRefusedException("otter_config.json asks for what Gofer does not do:\n"
                    + refused.stream()
                            .map(d -> "  " + d.option() + ": " + d.note())
                            .collect(Collectors.joining("\n"))
                    + "\nremove the option from the autograder, or pass --allow-unsupported to import without it");
        }

        List<String> pipLines = new ArrayList<>();
        List<String> condaOnly = List.of();
        layout.requirements().ifPresent(r -> pipLines.addAll(lines(r.content())));
        if (layout.environment().isPresent()) {
            CondaEnvironment env =
                    CondaEnvironment.parse(layout.environment().get().content());
            pipLines.addAll(env.pip());
            condaOnly = env.condaOnly();
        }
        PipRequirements.Filtered reqs = PipRequirements.filter(pipLines, "requirements");
        if (!reqs.refused().isEmpty()) {
            throw new ImportRefusedException(
                    "requirements Gofer does not install:\n  " + String.join("\n  ", reqs.refused()));
        }

        List<SourceFile> files = new ArrayList<>(layout.supportFiles());
        files.addAll(layout.tests());
        if (!reqs.kept().isEmpty()) {
            assignment.putObject("environment").put("requirements", REQUIREMENTS);
            files.add(new SourceFile(
                    REQUIREMENTS, (String.join("\n", reqs.kept()) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        files.add(new SourceFile(
                "assignment.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(assignment)));
        return new Plan(List.copyOf(files), layout, reqs, condaOnly, decisions);
    }

    private JsonNode config(SourceFile file) {
        try {
            JsonNode node = json.readTree(file.content());
            if (node == null || !node.isObject()) {
                throw new ImportRefusedException("otter_config.json must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ImportRefusedException("otter_config.json is not valid JSON: " + e.getMessage());
        }
    }

    private static List<String> lines(byte[] content) {
        return Arrays.asList(new String(content, StandardCharsets.UTF_8).split("\\R"));
    }
}
