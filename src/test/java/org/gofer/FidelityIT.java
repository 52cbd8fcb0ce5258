package org.gofer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.gofer.testsupport.Corpus;
import org.gofer.testsupport.EnabledIfDocker;
import org.gofer.testsupport.FidelityReport;
import org.gofer.testsupport.GoferJar;
import org.gofer.testsupport.ReferenceGraders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential fidelity suite (docs/fidelity.md): the same notebooks graded by the real
 * upstream graders (otter-grader 7.0.0's {@code otter run}, gofer-grader 1.1.0's
 * {@code grade_notebook}, from the reference venv) and by Gofer ({@code gofer grade --json}: the jar
 * and a real grading container) must get identical per-question scores and totals.
 *
 * <p>The assignments are under {@code src/test/fidelity/assignments}: otter masters, turned into
 * autograders by the real {@code otter assign} at test time, and a gofer-grader lab; each with
 * several partly wrong submissions. The shared corpus of upstream assignments
 * ({@code GOFER_CORPUS_DIR}, default {@code ../shared/corpus}) is graded the same way when present.
 * Where Gofer differs on purpose, {@link #INTENDED} lists the difference with both numbers, and the
 * suite asserts exactly those numbers.
 */
@EnabledIfDocker
class FidelityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ASSIGNMENTS = ReferenceGraders.FIDELITY_DIR.resolve("assignments");
    private static final String CORPUS_PREFIX = "corpus-";
    private static final double EPSILON = 1e-6;
    private static final Pattern HIDDEN_CASE = Pattern.compile("['\"]hidden['\"]\\s*:\\s*True");

    /** Where Gofer's score differs from upstream's on purpose (docs/fidelity.md, "Intended differences"). */
    static final List<IntendedDifference> INTENDED = List.of(new IntendedDifference(
            "gofer-lab",
            "checks-one-question-twice",
            "gofer-grader counts every check() call the notebook makes (and the tests it never checked) as one"
                    + " test each, so a question checked three times weighs three times as much: q1 three"
                    + " times, q2-q4 twice each, q2 failing: 7 of 9. Gofer runs each test file once, after"
                    + " the last cell: 3 of 4, whatever cells the student added or ran twice.",
            7.0 / 9,
            3.0 / 4));

    @TempDir
    static Path work;

    private static Optional<Path> corpus;
    private static JsonNode manifest;
    private static ExecutorService graders;
    private static final Map<String, Future<JsonNode>> GOFER = new LinkedHashMap<>();
    private static long referenceMillis;
    private static long startMillis;

    @BeforeAll
    static void gradeWithTheReferenceGradersThenStartGofer() throws Exception {
        corpus = corpusDir();
        ReferenceGraders reference = ReferenceGraders.open();
        startMillis = System.currentTimeMillis();
        manifest = reference.grade(ASSIGNMENTS, corpus, work);
        referenceMillis = System.currentTimeMillis() - startMillis;
        Path tests = work.resolve("gofer-tests");
        // Two gradings at a time, as the reference did: one JVM and one container each.
        graders = Executors.newFixedThreadPool(2);
        for (JsonNode a : manifest.path("assignments")) {
            String key = layOutForGofer(a, tests);
            for (JsonNode s : a.path("submissions")) {
                Path notebook = Path.of(s.path("notebook").asText());
                String id = a.path("name").asText() + "/" + s.path("name").asText();
                GOFER.put(id, graders.submit(() -> goferGrade(notebook, key, tests, id)));
            }
        }
    }

    @AfterAll
    static void report() throws IOException {
        if (graders == null) {
            return;
        }
        graders.shutdownNow();
        Map<String, JsonNode> graded = new LinkedHashMap<>();
        GOFER.forEach((id, f) -> {
            if (f.isDone() && !f.isCancelled()) {
                try {
                    graded.put(id, f.get());
                } catch (Exception e) {
                    // a grading that failed has its own failing test; the report shows "?"
                }
            }
        });
        Path report = Path.of("target/fidelity-report.txt");
        Files.writeString(report, FidelityReport.sideBySide(manifest, graded));
        System.out.printf(
                "FidelityIT: %d notebooks; reference graders %.0f s, whole suite %.0f s; scores side by side"
                        + " in %s%n",
                GOFER.size(), referenceMillis / 1000.0, (System.currentTimeMillis() - startMillis) / 1000.0, report);
    }

    @TestFactory
    Stream<DynamicNode> generatedAssignmentsGradeLikeUpstream() {
        return assignments()
                .filter(a -> !a.path("name").asText().startsWith(CORPUS_PREFIX))
                .map(FidelityIT::compareAll);
    }

    @TestFactory
    Stream<DynamicNode> upstreamCorpusGradesLikeUpstream() {
        if (corpus.isEmpty()) {
            String reason = "the shared corpus of upstream assignments is not on this machine (looked at "
                    + "GOFER_CORPUS_DIR, then ../shared/corpus): its part of the suite is skipped";
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        List<JsonNode> corpusAssignments = assignments()
                .filter(a -> a.path("name").asText().startsWith(CORPUS_PREFIX))
                .toList();
        assertThat(corpusAssignments).as("corpus assignments graded").hasSize(2);
        return corpusAssignments.stream()
                .map(a -> DynamicContainer.dynamicContainer(
                        a.path("name").asText(),
                        Stream.of(
                                compareAll(a),
                                DynamicTest.dynamicTest(
                                        "the reference reproduces EXPECTED.json", () -> referenceMatchesExpected(a)))));
    }

    @Test
    void everyIntendedDifferenceNamesASubmissionOfTheSuite() throws IOException {
        for (IntendedDifference d : INTENDED) {
            assertThat(ASSIGNMENTS
                            .resolve(d.assignment())
                            .resolve("submissions")
                            .resolve(d.submission() + ".json"))
                    .as("intended difference %s/%s", d.assignment(), d.submission())
                    .exists();
        }
        assertThat(Files.readString(Path.of("docs/fidelity.md")))
                .as("docs/fidelity.md lists every intended difference")
                .contains(INTENDED.stream()
                        .map(d -> d.assignment() + "/" + d.submission())
                        .toList());
    }

    private static DynamicContainer compareAll(JsonNode assignment) {
        String name = assignment.path("name").asText();
        boolean otter = assignment.path("grader").asText().equals("otter");
        Path testsDir = Path.of(assignment.path("tests_dir").asText());
        return DynamicContainer.dynamicContainer(
                name,
                StreamSupport.stream(assignment.path("submissions").spliterator(), false)
                        .map(s -> DynamicTest.dynamicTest(
                                s.path("name").asText() + ": " + s.path("why").asText(), () -> {
                                    String id = name + "/" + s.path("name").asText();
                                    JsonNode gofer = GOFER.get(id).get(10, TimeUnit.MINUTES);
                                    JsonNode reference = s.path("reference");
                                    assertThat(reference.has("error"))
                                            .as(
                                                    "%s: the reference grader failed: %s",
                                                    id, reference.path("error").asText())
                                            .isFalse();
                                    assertThat(gofer.path("status").asText())
                                            .as(
                                                    "%s: Gofer's status (reason: %s)",
                                                    id, gofer.path("reason").asText())
                                            .isEqualTo("graded");
                                    if (otter) {
                                        compareOtter(id, reference, gofer, testsDir);
                                    } else {
                                        compareGofer(id, reference, gofer);
                                    }
                                })));
    }

    /** otter: every question's score and points possible, the totals, and what students may see. */
    private static void compareOtter(String id, JsonNode reference, JsonNode gofer, Path testsDir) throws IOException {
        Map<String, double[]> want = new LinkedHashMap<>();
        reference
                .path("questions")
                .fields()
                .forEachRemaining(e -> want.put(e.getKey(), new double[] {
                    e.getValue().path("score").asDouble(),
                    e.getValue().path("max_score").asDouble()
                }));
        Map<String, double[]> got = goferQuestions(gofer);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(got.keySet()).as("%s: questions", id).containsExactlyInAnyOrderElementsOf(want.keySet());
        want.forEach((q, w) -> {
            double[] g = got.getOrDefault(q, new double[] {Double.NaN, Double.NaN});
            softly.assertThat(g[0])
                    .as("%s %s score (otter %s/%s, Gofer %s/%s)", id, q, w[0], w[1], g[0], g[1])
                    .isCloseTo(w[0], within(EPSILON));
            softly.assertThat(g[1]).as("%s %s points possible", id, q).isCloseTo(w[1], within(EPSILON));
        });
        softly.assertThat(gofer.path("score").asDouble())
                .as("%s total score", id)
                .isCloseTo(reference.path("score").asDouble(), within(EPSILON));
        softly.assertThat(gofer.path("max_score").asDouble())
                .as("%s total possible", id)
                .isCloseTo(reference.path("max_score").asDouble(), within(EPSILON));
        // Intended difference (docs/fidelity.md): otter hides every question's result until the
        // instructor publishes (Gradescope "hidden"); Gofer shows a question's score at once and
        // keeps only the details of questions with hidden cases for instructors.
        reference
                .path("questions")
                .fields()
                .forEachRemaining(
                        e -> softly.assertThat(e.getValue().path("visibility").asText())
                                .as("%s %s otter visibility", id, e.getKey())
                                .isEqualTo("hidden"));
        for (JsonNode t : gofer.path("tests")) {
            Path file = testsDir.resolve(t.path("name").asText() + ".py");
            if (Files.exists(file)) {
                softly.assertThat(t.path("hidden").asBoolean())
                        .as(
                                "%s %s: Gofer marks it hidden iff it has hidden cases",
                                id, t.path("name").asText())
                        .isEqualTo(HIDDEN_CASE.matcher(Files.readString(file)).find());
            }
        }
        softly.assertAll();
    }

    /** gofer-grader: each test file passed or not, and the mean (unless an intended difference says otherwise). */
    private static void compareGofer(String id, JsonNode reference, JsonNode gofer) {
        Map<String, List<Double>> checks = new LinkedHashMap<>();
        for (JsonNode c : reference.path("checks")) {
            for (JsonNode path : c.path("tests")) {
                checks.computeIfAbsent(FidelityReport.testName(path.asText()), k -> new ArrayList<>())
                        .add(c.path("grade").asDouble());
            }
        }
        Map<String, double[]> got = goferQuestions(gofer);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(gofer.path("scoring").asText()).as("%s scoring", id).isEqualTo("gofer");
        softly.assertThat(got.keySet()).as("%s: tests", id).containsExactlyInAnyOrderElementsOf(checks.keySet());
        checks.forEach((q, grades) -> {
            softly.assertThat(grades.stream().distinct())
                    .as("%s %s: every gofer-grader check() of it agrees", id, q)
                    .hasSize(1);
            double[] g = got.getOrDefault(q, new double[] {Double.NaN, Double.NaN});
            softly.assertThat(g[0])
                    .as("%s %s passed (gofer-grader %s, Gofer %s/%s)", id, q, grades, g[0], g[1])
                    .isCloseTo(grades.get(0), within(EPSILON));
            softly.assertThat(g[1]).as("%s %s is one test", id, q).isEqualTo(1.0);
        });
        double want = reference.path("fraction").asDouble();
        double fraction =
                gofer.path("score").asDouble() / gofer.path("max_score").asDouble();
        Optional<IntendedDifference> intended =
                INTENDED.stream().filter(d -> id.equals(d.id())).findFirst();
        if (intended.isPresent()) {
            softly.assertThat(want)
                    .as("%s gofer-grader's score (intended difference)", id)
                    .isCloseTo(intended.get().reference(), within(EPSILON));
            softly.assertThat(fraction)
                    .as("%s Gofer's score (intended difference)", id)
                    .isCloseTo(intended.get().gofer(), within(EPSILON));
        } else {
            softly.assertThat(fraction)
                    .as(
                            "%s score (gofer-grader %s, Gofer %s/%s)",
                            id,
                            want,
                            gofer.path("score").asDouble(),
                            gofer.path("max_score").asDouble())
                    .isCloseTo(want, within(EPSILON));
        }
        softly.assertAll();
    }

    /** The reference graders, as this suite drives them, give the scores upstream's own tests assert. */
    private static void referenceMatchesExpected(JsonNode assignment) {
        boolean otter = assignment.path("grader").asText().equals("otter");
        for (JsonNode s : assignment.path("submissions")) {
            String name = s.path("name").asText();
            double expected = assignment.path("expected").path(name).asDouble(Double.NaN);
            double got = otter
                    ? s.path("reference").path("score").asDouble()
                    : s.path("reference").path("fraction").asDouble();
            assertThat(got)
                    .as("%s reference score of %s", assignment.path("name").asText(), name)
                    .isCloseTo(expected, within(EPSILON));
        }
    }

    private static Map<String, double[]> goferQuestions(JsonNode gofer) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (JsonNode t : gofer.path("tests")) {
            out.put(t.path("name").asText(), new double[] {
                t.path("score").asDouble(), t.path("max_score").asDouble()
            });
        }
        return out;
    }

    /**
     * The assignment as an instructor gives it to Gofer. otter: the autograder zip that otter
     * assign wrote (or the corpus's), through {@code gofer assignment import}. gofer: the tests, the
     * support files beside them and assignment.json naming the scoring rule. Returns its key,
     * {@code fidelity/<grader>/<name>}.
     */
    private static String layOutForGofer(JsonNode assignment, Path tests) throws IOException, InterruptedException {
        String grader = assignment.path("grader").asText();
        String key = "fidelity/" + grader + "/" + assignment.path("name").asText();
        if (assignment.hasNonNull("autograder_zip")) {
            String out = GoferJar.run(
                    tests,
                    logOf("import-" + assignment.path("name").asText()),
                    "assignment",
                    "import",
                    assignment.path("autograder_zip").asText(),
                    "--as",
                    key);
            assertThat(tests.resolve(key).resolve("tests"))
                    .as("imported %s: %s", key, out)
                    .isDirectory();
            return key;
        }
        Path dir = tests.resolve(key);
        copyTree(Path.of(assignment.path("tests_dir").asText()), dir.resolve("tests"));
        if (assignment.hasNonNull("support_dir")) {
            copyTree(Path.of(assignment.path("support_dir").asText()), dir);
        }
        Files.writeString(dir.resolve("assignment.json"), "{\"scoring\": \"" + grader + "\"}\n");
        return key;
    }

    private static JsonNode goferGrade(Path notebook, String key, Path tests, String id) throws Exception {
        return JSON.readTree(
                GoferJar.run(tests, logOf(id), "grade", "--json", "--assignment", key, notebook.toString()));
    }

    private static Path logOf(String id) {
        return work.resolve("gofer-logs").resolve(id.replace('/', '_') + ".log");
    }

    private static Stream<JsonNode> assignments() {
        return StreamSupport.stream(manifest.path("assignments").spliterator(), false);
    }

    private static Optional<Path> corpusDir() {
        return Corpus.dir()
                .filter(dir -> Files.isDirectory(dir.resolve("gofer-grader-basic"))
                        && Files.isDirectory(dir.resolve("otter-assign-example")));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /**
     * One submission whose score Gofer computes differently from upstream on purpose.
     *
     * @param reference upstream's score, as a fraction of the points possible
     * @param gofer Gofer's score, likewise
     */
    record IntendedDifference(String assignment, String submission, String why, double reference, double gofer) {
        String id() {
            return assignment + "/" + submission;
        }
    }
}
