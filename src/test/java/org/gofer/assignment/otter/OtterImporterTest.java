package org.gofer.assignment.otter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.Assignment.SourceFile;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtterImporterTest {
    private static final AssignmentKey KEY = AssignmentKey.of("data8", "fall26", "hw01");
    private static final OtterImporter.Options PLAIN = new OtterImporter.Options(false, false);
    private static final String CONFIG = """
            {"seed": 42, "seed_variable": "rng_seed", "assignment_name": "hw01", "lang": "python",
             "show_hidden": true, "pdf": false, "token": "secret-token", "grade_from_log": false, "plugins": []}""";

    @TempDir
    Path dir;

    private Path tests() {
        return dir.resolve("notebooks-tests");
    }

    private OtterImporter importer() {
        return new OtterImporter(tests(), SafeZipReader.withDefaults());
    }

    @Test
    void importsOttersLayoutAsAnAssignmentTheCatalogLoads() throws Exception {
        Path zip = Zips.otterLayout(CONFIG).write(dir, "autograder.zip");

        ImportSummary summary = importer().importZip(zip, KEY, PLAIN);

        Path target = tests().resolve("data8/fall26/hw01");
        assertThat(summary.directory()).isEqualTo(target);
        assertThat(summary.tests()).containsExactly("tests/q1.py", "tests/q2.py");
        assertThat(summary.supportFiles()).containsExactly("data.csv", "helpers/util.py");
        assertThat(summary.requirements()).containsExactly("scipy>=1.10", "sympy==1.12");
        assertThat(summary.droppedRequirements()).singleElement().asString().startsWith("otter-grader");
        assertThat(summary.skipped()).hasSize(3).allMatch(s -> s.contains("scaffolding"));
        assertThat(Files.readString(target.resolve("requirements.txt"))).isEqualTo("scipy>=1.10\nsympy==1.12\n");
        assertThat(Files.readString(target.resolve("tests/q1.py"))).startsWith("OK_FORMAT = True");
        for (String scaffolding : List.of(
                "run_autograder", "setup.sh", "run_otter.py", "environment.yml", "otter_config.json", "files")) {
            assertThat(target.resolve(scaffolding)).doesNotExist();
        }

        JsonNode json =
                new ObjectMapper().readTree(target.resolve("assignment.json").toFile());
        assertThat(json.path("scoring").asText()).isEqualTo("otter");
        assertThat(json.path("title").asText()).isEqualTo("hw01");
        assertThat(json.path("seed").asLong()).isEqualTo(42);
        assertThat(json.path("seed_variable").asText()).isEqualTo("rng_seed");
        assertThat(json.path("environment").path("requirements").asText()).isEqualTo("requirements.txt");
        assertThat(json.toString()).doesNotContain("secret-token");

        Assignment loaded = new AssignmentCatalog(tests()).load(KEY);
        assertThat(loaded.settings().scoring()).isEqualTo("otter");
        assertThat(loaded.settings().seeding())
                .isEqualTo(new Assignment.Seeding(java.util.Optional.of(42L), java.util.Optional.of("rng_seed")));
        assertThat(loaded.tests()).extracting(SourceFile::path).containsExactly("tests/q1.py", "tests/q2.py");
        assertThat(loaded.supportFiles()).extracting(SourceFile::path).contains("data.csv", "helpers/util.py");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void sortsOptionsIntoHonouredIgnoredAndRefused() throws Exception {
        Path zip = Zips.otterLayout(CONFIG).write(dir, "autograder.zip");

        ImportSummary summary = importer().importZip(zip, KEY, PLAIN);

        assertThat(summary.options())
                .extracting(d -> d.option() + "=" + d.kind())
                .containsExactly(
                        "seed=HONOURED",
                        "seed_variable=HONOURED",
                        "assignment_name=HONOURED",
                        "lang=HONOURED",
                        "show_hidden=IGNORED",
                        "pdf=IGNORED",
                        "token=IGNORED",
                        "grade_from_log=IGNORED",
                        "plugins=IGNORED");
    }

    @Test
    void aSeedVariableWithoutASeedIsIgnoredAsOtterIgnoresIt() throws Exception {
        Path zip = Zips.otterLayout("{\"seed\": null, \"seed_variable\": \"rng_seed\"}")
                .write(dir, "autograder.zip");

        ImportSummary summary = importer().importZip(zip, KEY, PLAIN);

        assertThat(summary.options())
                .extracting(d -> d.option() + "=" + d.kind())
                .containsExactly("seed=HONOURED", "seed_variable=IGNORED");
        assertThat(new AssignmentCatalog(tests()).load(KEY).settings().seeding())
                .isEqualTo(Assignment.Seeding.none());
    }

    @Test
    void refusesOptionsThatChangeScoresAndWritesNothing() throws Exception {
        Path zip = Zips.otterLayout("""
                {"grade_from_log": true, "points_possible": 100, "plugins": ["otter.plugins.builtin.GoogleSheetsGradeOverride"],
                 "lang": "r", "a_future_option": 1, "show_hidden": true}""").write(dir, "autograder.zip");

        assertThatThrownBy(() -> importer().importZip(zip, KEY, PLAIN))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("grade_from_log")
                .hasMessageContaining("points_possible")
                .hasMessageContaining("plugins")
                .hasMessageContaining("lang")
                .hasMessageContaining("a_future_option")
                .hasMessageNotContaining("show_hidden")
                .hasMessageContaining("--allow-unsupported");
        assertThat(tests().resolve("data8/fall26/hw01")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void allowUnsupportedImportsAndReportsWhatIsNotHonoured() throws Exception {
        Path zip = Zips.otterLayout("{\"score_threshold\": 0.5}").write(dir, "autograder.zip");

        ImportSummary summary = importer().importZip(zip, KEY, new OtterImporter.Options(false, true));

        assertThat(summary.options()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(OtterOptions.Kind.REFUSED);
            assertThat(d.note()).contains("pass/fail");
        });
        assertThat(tests().resolve("data8/fall26/hw01/tests/q1.py")).exists();
    }

    @Test
    void refusesAnExistingTargetUnlessForcedThenReplacesItWhole() throws Exception {
        Path target = tests().resolve("data8/fall26/hw01");
        Files.createDirectories(target.resolve("tests"));
        Files.writeString(target.resolve("tests/old.py"), "OK_FORMAT = True\n");
        Files.writeString(target.resolve("stale.csv"), "old");
        Path zip = Zips.otterLayout("{}").write(dir, "autograder.zip");

        assertThatThrownBy(() -> importer().importZip(zip, KEY, PLAIN))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("already exists")
                .hasMessageContaining("--force");
        assertThat(target.resolve("stale.csv")).exists();

        ImportSummary summary = importer().importZip(zip, KEY, new OtterImporter.Options(true, false));

        assertThat(summary.replaced()).isTrue();
        assertThat(target.resolve("stale.csv")).doesNotExist();
        assertThat(target.resolve("tests/old.py")).doesNotExist();
        assertThat(target.resolve("tests/q1.py")).exists();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void refusesRequirementsThatCouldInstallFromElsewhere() throws Exception {
        for (String line : List.of(
                "-e git+https://example.invalid/x.git#egg=x",
                "--index-url http://127.0.0.1/simple",
                "-f /tmp/wheels",
                "-r other.txt",
                "https://example.invalid/x.whl",
                "x @ https://example.invalid/x.whl",
                "./local-package")) {
            Path zip = Zips.otterLayout("{}")
                    .file("requirements.txt", "numpy\n" + line + "\n")
                    .write(dir, "autograder.zip");

            assertThatThrownBy(() -> importer().importZip(zip, KEY, new OtterImporter.Options(true, true)))
                    .as(line)
                    .isInstanceOf(ImportRefusedException.class)
                    .hasMessageContaining("requirements");
        }
        assertThat(tests().resolve("data8/fall26/hw01")).doesNotExist();
    }

    @Test
    void readsOlderOttersRequirementsFileAndReportsCondaOnlyDependencies() throws Exception {
        Path zip = Zips.create()
                .file("tests/q1.py", "OK_FORMAT = True\n")
                .file("requirements.txt", "# course packages\ndatascience==0.17.6  # for Table\nOtter_Grader==3.1.0\n")
                .file("environment.yml", "name: otter-env\ndependencies:\n  - python=3.8\n  - r-base\n  - pip\n")
                .write(dir, "autograder.zip");

        ImportSummary summary = importer().importZip(zip, KEY, PLAIN);

        assertThat(summary.requirements()).containsExactly("datascience==0.17.6");
        assertThat(summary.droppedRequirements()).singleElement().asString().startsWith("Otter_Grader==3.1.0");
        assertThat(summary.condaOnly()).containsExactly("r-base");
        assertThat(summary.options()).isEmpty();
    }

    @Test
    void writesNoEnvironmentWhenOnlyOtterItselfWasRequired() throws Exception {
        Path zip = Zips.create()
                .file("tests/q1.py", "OK_FORMAT = True\n")
                .file("environment.yml", "dependencies:\n  - pip:\n    - otter-grader==7.0.0\n")
                .write(dir, "autograder.zip");

        importer().importZip(zip, KEY, PLAIN);

        Path target = tests().resolve("data8/fall26/hw01");
        assertThat(target.resolve("requirements.txt")).doesNotExist();
        assertThat(new ObjectMapper()
                        .readTree(target.resolve("assignment.json").toFile())
                        .has("environment"))
                .isFalse();
    }

    @Test
    void refusesAnArchiveWithoutTests() throws Exception {
        Path zip = Zips.create().file("files/data.csv", "x").write(dir, "autograder.zip");

        assertThatThrownBy(() -> importer().importZip(zip, KEY, PLAIN))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("no tests/*.py");
    }

    @Test
    void refusesSupportFilesThatWouldReplaceGofersOwn() throws Exception {
        Path zip = Zips.otterLayout("{}").file("files/tests/q1.py", "evil").write(dir, "autograder.zip");

        assertThatThrownBy(() -> importer().importZip(zip, KEY, PLAIN))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("files/tests/q1.py");
    }

    @Test
    void refusesAZipSlipBeforeWritingAnything() throws Exception {
        Path zip = Zips.otterLayout("{}")
                .file("files/../../../../escaped.py", "pwned")
                .write(dir, "autograder.zip");

        assertThatThrownBy(() -> importer().importZip(zip, KEY, PLAIN)).isInstanceOf(UnsafeArchiveException.class);
        assertThat(tests()).doesNotExist();
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().equals("escaped.py")))
                    .isEmpty();
        }
    }

    /** Staging and replaced directories must never stay behind. */
    private List<Path> leftovers() throws Exception {
        Path section = tests().resolve("data8/fall26");
        if (!Files.isDirectory(section)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(section)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
