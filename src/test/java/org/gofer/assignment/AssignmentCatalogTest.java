package org.gofer.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gofer.testsupport.Fixtures.okTest;
import static org.gofer.testsupport.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssignmentCatalogTest {
    private static final AssignmentKey LAB = AssignmentKey.of("data8x", "fa24", "lab01");

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;

    private Path lab;
    private AssignmentCatalog catalog;

    @BeforeEach
    void setUp() {
        root = tmp.resolve("notebooks-tests");
        outside = tmp.resolve("outside");
        lab = root.resolve("data8x/fa24/lab01");
        catalog = new AssignmentCatalog(root);
    }

    private static String pathsOf(java.util.List<Assignment.SourceFile> files) {
        return String.join(",", files.stream().map(Assignment.SourceFile::path).toList());
    }

    @Test
    void loadsTestsSortedByPathWithTheirBytes() {
        write(lab, "tests/q2.py", okTest("q2", 2));
        write(lab, "tests/q10.py", okTest("q10", 10));
        write(lab, "tests/q1.py", okTest("q1", 1));

        Assignment a = catalog.load(LAB);

        assertThat(a.key()).isEqualTo(LAB);
        assertThat(a.directory()).isEqualTo(lab);
        assertThat(pathsOf(a.tests())).isEqualTo("tests/q1.py,tests/q10.py,tests/q2.py");
        assertThat(new String(a.tests().get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo(okTest("q1", 1));
    }

    @Test
    void testsSkipInitDotFilesAndOtherExtensions() {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "tests/__init__.py", "");
        write(lab, "tests/._q1.py", "\u0000\u0005Mac resource fork");
        write(lab, "tests/notes.txt", "not a test");
        write(lab, "tests/__pycache__/q1.cpython-311.pyc", "bytecode");

        assertThat(pathsOf(catalog.load(LAB).tests())).isEqualTo("tests/q1.py");
    }

    @Test
    void supportFilesAreEverythingButTestsSettingsNotebooksExamplesAndHiddenFiles() {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", "{}");
        write(lab, "lab01.ipynb", "{}");
        write(lab, "solution.ipynb", "{}");
        write(lab, "examples/passes.ipynb", "{}");
        write(lab, "examples/data.csv", "x");
        write(lab, ".gitignore", "*");
        write(lab, ".git/config", "[core]");
        write(lab, "__pycache__/helper.cpython-311.pyc", "bytecode");
        write(lab, "data/.DS_Store", "junk");
        write(lab, "data/population.csv", "year,pop\n2020,1\n");
        write(lab, "helper.py", "def f(): return 1\n");
        write(lab, "data/nested/more.json", "[]");

        Assignment a = catalog.load(LAB);

        assertThat(pathsOf(a.supportFiles())).isEqualTo("data/nested/more.json,data/population.csv,helper.py");
        assertThat(new String(a.supportFiles().get(2).content(), StandardCharsets.UTF_8))
                .isEqualTo("def f(): return 1\n");
    }

    @Test
    void symlinksAreNotFollowedOutOfTheAssignment() throws Exception {
        write(lab, "tests/q1.py", okTest("q1", 1));
        Path secret = write(outside, "secret.txt", "instructor's private key");
        Path secretDir = write(outside, "dir/hidden-answers.py", "answers");
        Files.createSymbolicLink(lab.resolve("link.txt"), secret);
        Files.createSymbolicLink(lab.resolve("linked-dir"), secretDir.getParent());
        Files.createSymbolicLink(lab.resolve("tests/q9.py"), secret);
        write(lab, "real.csv", "ok");

        Assignment a = catalog.load(LAB);

        assertThat(pathsOf(a.supportFiles())).isEqualTo("real.csv");
        assertThat(pathsOf(a.tests())).isEqualTo("tests/q1.py");
    }

    @Test
    void aSymlinkedTestsDirectoryIsNotAnAssignment() throws Exception {
        write(outside, "tests/q1.py", okTest("q1", 1));
        Files.createDirectories(lab);
        Files.createSymbolicLink(lab.resolve("tests"), outside.resolve("tests"));

        assertThat(catalog.exists(LAB)).isFalse();
        assertThatThrownBy(() -> catalog.load(LAB)).isInstanceOf(UnknownAssignmentException.class);
    }

    @Test
    void unknownAndTestlessAssignmentsAreUnknown() {
        write(lab, "tests/README.md", "no tests yet");

        assertThat(catalog.exists(LAB)).isFalse();
        assertThat(catalog.exists(AssignmentKey.of("data8x", "fa24", "nope"))).isFalse();
        assertThatThrownBy(() -> catalog.load(AssignmentKey.of("data8x", "fa24", "nope")))
                .isInstanceOf(UnknownAssignmentException.class)
                .hasMessageContaining("data8x/fa24/nope");
    }

    @Test
    void defaultsWithoutAssignmentJson() {
        write(lab, "tests/q1.py", okTest("q1", 1));

        Assignment.Settings s = catalog.load(LAB).settings();

        assertThat(s.title()).isEqualTo("lab01");
        assertThat(s.scoring()).isEqualTo("gofer");
        assertThat(s.policy()).isEqualTo(Assignment.Policy.BEST);
        assertThat(s.deadline()).isEmpty();
        assertThat(s.image()).isEmpty();
        assertThat(s.limits()).isEqualTo(Assignment.Limits.none());
        assertThat(s.seeding()).isEqualTo(Assignment.Seeding.none());
        assertThat(s.leaderboard()).isFalse();
    }

    @Test
    void aLeaderboardIsOnlyWhereAssignmentJsonAsksForOne() {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", "{\"leaderboard\": true}");
        assertThat(catalog.settings(LAB).leaderboard()).isTrue();

        write(lab, "assignment.json", "{\"leaderboard\": false}");
        assertThat(catalog.settings(LAB).leaderboard()).isFalse();

        write(lab, "assignment.json", "{\"leaderboard\": null}");
        assertThat(catalog.settings(LAB).leaderboard()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "\"yes\"", "{}"})
    void aLeaderboardThatIsNotTrueOrFalseNamesTheKey(String value) {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", "{\"leaderboard\": " + value + "}");

        assertThatThrownBy(() -> catalog.settings(LAB))
                .isInstanceOf(AssignmentConfigException.class)
                .hasMessageContaining("\"leaderboard\" must be true or false");
    }

    @Test
    void ottersSeedingIsRead() {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", "{\"seed\": 42, \"seed_variable\": \"rng_seed\"}");

        assertThat(catalog.load(LAB).settings().seeding())
                .isEqualTo(new Assignment.Seeding(Optional.of(42L), Optional.of("rng_seed")));
    }

    @Test
    void submissionLimitsAreRead() {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", "{\"max_submissions\": 5, \"min_interval_seconds\": 600}");

        assertThat(catalog.settings(LAB).attempts())
                .isEqualTo(new Assignment.Attempts(Optional.of(5), Optional.of(java.time.Duration.ofMinutes(10))));
        write(lab, "assignment.json", "{}");
        assertThat(catalog.settings(LAB).attempts().limited()).isFalse();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "{\"max_submissions\": 0}",
                "{\"max_submissions\": -3}",
                "{\"max_submissions\": 2.5}",
                "{\"max_submissions\": \"3\"}",
                "{\"max_submissions\": 10001}",
                "{\"min_interval_seconds\": 0}",
                "{\"min_interval_seconds\": 1.5}",
                "{\"min_interval_seconds\": \"1h\"}",
                "{\"min_interval_seconds\": 2592001}"
            })
    void badSubmissionLimitsMakeTheSettingsInvalidNamingTheField(String content) {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", content);
        String field = content.contains("max_submissions") ? "max_submissions" : "min_interval_seconds";

        assertThatThrownBy(() -> catalog.settings(LAB))
                .isInstanceOf(AssignmentConfigException.class)
                .hasMessageContaining("\"" + field + "\" must be a whole number");
    }

    @Test
    void otterTestsAreDetectedByOkFormat() {
        write(lab, "tests/q1.py", "OK_FORMAT = True\n\ntest = {'name': 'q1', 'points': 1, 'suites': []}\n");

        assertThat(catalog.load(LAB).settings().scoring()).isEqualTo("otter");
    }

    @Test
    void explicitScoringBeatsDetection() {
        write(lab, "tests/q1.py", "OK_FORMAT = True\ntest = {}\n");
        write(lab, "assignment.json", "{\"scoring\": \"gofer\"}");

        assertThat(catalog.load(LAB).settings().scoring()).isEqualTo("gofer");
    }

    @Test
    void fullAssignmentJsonIsRead() {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", """
                {"title": "Lab 1: Expressions", "scoring": "otter", "policy": "latest",
                 "deadline": "2026-12-01T23:59:00Z", "image": "gofer-grader:2026.1",
                 "limits": {"memory_mb": 2048, "cpus": 2.5, "pids": 128, "timeout_s": 600,
                            "cell_timeout_s": 60, "output_bytes": 500000},
                 "lti": {"points": 10}}""");

        Assignment.Settings s = catalog.load(LAB).settings();

        assertThat(s.title()).isEqualTo("Lab 1: Expressions");
        assertThat(s.scoring()).isEqualTo("otter");
        assertThat(s.policy()).isEqualTo(Assignment.Policy.LATEST);
        assertThat(s.deadline()).contains(Instant.parse("2026-12-01T23:59:00Z"));
        assertThat(s.image()).contains("gofer-grader:2026.1");
        assertThat(s.limits())
                .isEqualTo(new Assignment.Limits(
                        Optional.of(2048L),
                        Optional.of(2.5),
                        Optional.of(128L),
                        Optional.of(600L),
                        Optional.of(60L),
                        Optional.of(500_000L)));
        assertThat(s.lti().path("points").asInt()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"title\": ",
                "[1, 2]",
                "\"just a string\"",
                "{\"scoring\": \"nbgrader\"}",
                "{\"policy\": \"worst\"}",
                "{\"deadline\": \"next friday\"}",
                "{\"limits\": {\"memory_mb\": \"lots\"}}",
                "{\"limits\": {\"memory_mb\": -1}}",
                "{\"limits\": {\"timeout_s\": 0}}",
                "{\"limits\": {\"cpus\": \"two\"}}",
                "{\"limits\": {\"pids\": 1.5}}",
                "{\"limits\": [1]}",
                "{\"seed\": \"42\"}",
                "{\"seed\": 1.5}",
                "{\"seed\": 1, \"seed_variable\": \"not a name\"}",
                "{\"seed_variable\": \"x\"}",
            })
    void brokenAssignmentJsonIsAConfigError(String content) {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", content);

        assertThatThrownBy(() -> catalog.load(LAB))
                .isInstanceOf(AssignmentConfigException.class)
                .hasMessageContaining("assignment.json");
    }

    @Test
    void badLimitNamesTheField() {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", "{\"limits\": {\"memory_mb\": \"lots\"}}");

        assertThatThrownBy(() -> catalog.load(LAB)).hasMessageContaining("memory_mb");
    }

    @Test
    void policyOfFallsBackToBestWhenTheAssignmentIsGoneOrBroken() {
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "assignment.json", "{\"policy\": \"latest\"}");
        Path broken = root.resolve("data8x/fa24/broken");
        write(broken, "tests/q1.py", okTest("q1", 1));
        write(broken, "assignment.json", "{");

        assertThat(catalog.policyOf("data8x/fa24/lab01")).isEqualTo(Assignment.Policy.LATEST);
        assertThat(catalog.policyOf("data8x/fa24/broken")).isEqualTo(Assignment.Policy.BEST);
        assertThat(catalog.policyOf("data8x/fa24/gone")).isEqualTo(Assignment.Policy.BEST);
        assertThat(catalog.policyOf("../../etc")).isEqualTo(Assignment.Policy.BEST);
    }

    @Test
    void supportFilesOverTheCapAreRefused() throws Exception {
        write(lab, "tests/q1.py", okTest("q1", 1));
        try (var ch = Files.newByteChannel(
                lab.resolve("huge.bin"),
                java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(AssignmentCatalog.MAX_SUPPORT_BYTES); // sparse: one byte past the cap
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }

        assertThatThrownBy(() -> catalog.load(LAB)).hasMessageContaining("exceed");
    }

    @Test
    void listFindsEveryAssignmentWithTestsSortedAndSkipsTheRest() {
        write(root.resolve("data8x/fa24/lab02"), "tests/q1.py", okTest("q1", 1));
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(root.resolve("c8/sp25/hw1"), "tests/q1.py", okTest("q1", 1));
        write(root.resolve("c8/sp25/empty"), "README.md", "tests come later");
        write(root.resolve("c8/sp25/.draft"), "tests/q1.py", okTest("q1", 1));
        write(root, "README.md", "how to add an assignment");

        assertThat(catalog.list())
                .extracting(AssignmentKey::toString)
                .containsExactly("c8/sp25/hw1", "data8x/fa24/lab01", "data8x/fa24/lab02");
    }

    @Test
    void listOfAMissingRootIsEmpty() {
        assertThat(new AssignmentCatalog(root.resolve("nothing-here")).list()).isEmpty();
    }

    @Test
    void aFixedTestTakesEffectAtTheNextLoad() {
        write(lab, "tests/q1.py", okTest("q1", 1));
        assertThat(catalog.load(LAB).tests()).hasSize(1);

        write(lab, "tests/q2.py", okTest("q2", 2));

        assertThat(catalog.load(LAB).tests()).hasSize(2);
    }
}
