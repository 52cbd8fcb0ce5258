package org.gofer.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gofer.testsupport.Fixtures.okTest;
import static org.gofer.testsupport.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "environment" key of assignment.json and the requirements file it names, read through the catalog. */
class EnvironmentSettingsTest {
    private static final AssignmentKey LAB = AssignmentKey.of("data8x", "fa24", "lab01");

    @TempDir
    Path tmp;

    private Path lab;
    private AssignmentCatalog catalog;

    @BeforeEach
    void setUp() {
        Path root = tmp.resolve("notebooks-tests");
        lab = root.resolve("data8x/fa24/lab01");
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "data.csv", "a\n1\n");
        catalog = new AssignmentCatalog(root);
    }

    @Test
    void withoutAnythingThereIsNoEnvironment() {
        assertThat(catalog.settings(LAB).environment()).isEmpty();
    }

    @Test
    void aRequirementsFileBesideTestsIsAnEnvironmentWithoutTheKeyAndNeverASupportFile() {
        write(lab, "requirements.txt", "pyfiglet==1.0.2\n");

        Assignment a = catalog.load(LAB);

        Assignment.Environment env = a.settings().environment().orElseThrow();
        assertThat(env.requirementsPath()).contains("requirements.txt");
        assertThat(new String(env.requirements(), StandardCharsets.UTF_8)).isEqualTo("pyfiglet==1.0.2\n");
        assertThat(env.apt()).isEmpty();
        assertThat(a.supportFiles()).extracting(Assignment.SourceFile::path).containsExactly("data.csv");
        assertThat(AssignmentCatalog.isSupportFile(Path.of("requirements.txt"))).isFalse();
        assertThat(AssignmentCatalog.isSupportFile(Path.of("data/requirements.txt")))
                .isTrue();
    }

    @Test
    void readsAllKeysSortsAndDeduplicatesAptAndBaseSetsTheImage() {
        write(lab, "env/course-requirements.txt", "# the course's packages\ncowsay>=6.0  # talking cows\n");
        write(lab, "assignment.json", """
                {"environment": {"requirements": "env/course-requirements.txt", "apt": ["sl", "graphviz", "sl"],
                                 "base": "gofer-grader:2026"}}""");

        Assignment a = catalog.load(LAB);

        Assignment.Environment env = a.settings().environment().orElseThrow();
        assertThat(env.requirementsPath()).contains("env/course-requirements.txt");
        assertThat(env.apt()).containsExactly("graphviz", "sl");
        assertThat(a.settings().image()).contains("gofer-grader:2026");
        assertThat(a.supportFiles()).extracting(Assignment.SourceFile::path).containsExactly("data.csv");
    }

    @Test
    void aptAloneIsAnEnvironmentAndAnEmptyOneIsNone() {
        write(lab, "assignment.json", "{\"environment\": {\"apt\": [\"sl\"]}}");
        assertThat(catalog.settings(LAB).environment().orElseThrow().apt()).containsExactly("sl");

        write(lab, "assignment.json", "{\"environment\": {}}");
        assertThat(catalog.settings(LAB).environment()).isEmpty();

        write(lab, "requirements.txt", "# nothing yet\n\n");
        assertThat(catalog.settings(LAB).environment())
                .as("only comments: nothing to install")
                .isEmpty();
    }

    @Test
    void aBaseThatContradictsTheImageIsRefused() {
        write(lab, "assignment.json", "{\"image\": \"a:1\", \"environment\": {\"base\": \"b:1\", \"apt\": [\"sl\"]}}");
        assertThatThrownBy(() -> catalog.settings(LAB))
                .isInstanceOf(AssignmentConfigException.class)
                .hasMessageContaining("environment.base");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"environment\": [\"sl\"]}|\"environment\"",
                "{\"environment\": {\"pip\": [\"x\"]}}|\"environment.pip\"",
                "{\"environment\": {\"apt\": \"sl\"}}|\"environment.apt\"",
                "{\"environment\": {\"apt\": [\"sl; rm -rf /\"]}}|\"environment.apt\"",
                "{\"environment\": {\"apt\": [\"Graphviz\"]}}|\"environment.apt\"",
                "{\"environment\": {\"apt\": [\"-y\"]}}|\"environment.apt\"",
                "{\"environment\": {\"apt\": [3]}}|\"environment.apt\"",
                "{\"environment\": {\"base\": \"\"}}|\"environment.base\"",
                "{\"environment\": {\"base\": \"img\\nRUN evil\"}}|\"environment.base\"",
                "{\"environment\": {\"requirements\": \"../outside.txt\"}}|\"environment.requirements\"",
                "{\"environment\": {\"requirements\": \"/etc/passwd\"}}|\"environment.requirements\"",
                "{\"environment\": {\"requirements\": \"missing.txt\"}}|\"environment.requirements\"",
                "{\"environment\": {\"requirements\": \"tests/q1.py\"}}|\"environment.requirements\"",
                "{\"environment\": {\"requirements\": 7}}|\"environment.requirements\"",
            })
    void badValuesAreRefusedNamingTheKey(String caseText) {
        String[] parts = caseText.split("\\|");
        write(lab, "assignment.json", parts[0]);
        assertThatThrownBy(() -> catalog.settings(LAB))
                .isInstanceOf(AssignmentConfigException.class)
                .hasMessageContaining(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-e git+https://example.org/x.git#egg=x",
                "--editable ./pkg",
                "--index-url https://evil.example/simple",
                "-i https://evil.example/simple",
                "--extra-index-url https://evil.example/simple",
                "-f https://evil.example/wheels",
                "--find-links /tmp/wheels",
                "--trusted-host evil.example",
                "-r other.txt",
                "--requirement other.txt",
                "-c constraints.txt",
                "https://evil.example/pkg-1.0.tar.gz",
                "pkg @ https://evil.example/pkg-1.0.tar.gz",
                "./local-package",
                "/abs/path/pkg.whl",
                "pkg==${VERSION}",
                "numpy==1.26 --install-option=--prefix=/x",
            })
    void requirementLinesThatCouldFetchFromElsewhereAreRefusedWithTheLine(String line) {
        write(lab, "requirements.txt", "pyfiglet\n" + line + "\n");
        assertThatThrownBy(() -> catalog.settings(LAB))
                .isInstanceOf(AssignmentConfigException.class)
                .hasMessageContaining("\"environment.requirements\"")
                .hasMessageContaining("line 2");
    }

    @Test
    void plainSpecifiersCommentsAndHashesAreAllowed() {
        String text = """
                # course packages
                pyfiglet==1.0.2
                cowsay >= 6.0, < 7   # inline comment
                numpy[extra1,extra2]~=1.26
                requests (>=2.0)
                tomli; python_version < "3.11"
                Pillow==10.0.0 \\
                    --hash=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                zope.interface
                """;
        write(lab, "requirements.txt", text);

        Optional<Assignment.Environment> env = catalog.settings(LAB).environment();

        assertThat(env).isPresent();
        assertThat(RequirementsCheck.check("requirements.txt", text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(7);
    }

    @Test
    void aRequirementsFileThatIsNotUtf8OrTooLargeIsRefused() {
        assertThatThrownBy(() -> RequirementsCheck.check("r.txt", new byte[] {(byte) 0xff, 'a'}))
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() ->
                        RequirementsCheck.check("r.txt", "a\n".repeat(40_000).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("larger than");
    }
}
