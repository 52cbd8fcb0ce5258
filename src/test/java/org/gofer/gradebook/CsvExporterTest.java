package org.gofer.gradebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.testsupport.Fixtures.okTest;
import static org.gofer.testsupport.Fixtures.write;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.result.GradingReport;
import org.gofer.result.TestResult;
import org.gofer.submission.GradingJob;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStore;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.MutableClock;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gradebook CSV against golden files in {@code src/test/resources/csv/}. A small course:
 * lab01 keeps the best grade, lab02 the latest; some students have names a spreadsheet would run.
 */
class CsvExporterTest {
    private static final AssignmentKey LAB1 = AssignmentKey.of("data8x", "fa24", "lab01");
    private static final AssignmentKey LAB2 = AssignmentKey.of("data8x", "fa24", "lab02");

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private Jdbi jdbi;
    private SubmissionStore store;
    private SubmissionQueue queue;
    private Gradebook gradebook;
    private AssignmentCatalog catalog;

    @BeforeEach
    void setUp() {
        Path tests = tmp.resolve("notebooks-tests");
        write(tests.resolve("data8x/fa24/lab01"), "tests/q1.py", okTest("q1", 1));
        write(tests.resolve("data8x/fa24/lab02"), "tests/q1.py", okTest("q1", 1));
        write(tests.resolve("data8x/fa24/lab02"), "assignment.json", "{\"policy\": \"latest\"}");
        catalog = new AssignmentCatalog(tests);
        jdbi = TestDatabase.in(tmp);
        store = new SubmissionStore(jdbi, tmp.resolve("data"), clock);
        queue = new SubmissionQueue(jdbi, clock);
        gradebook = new Gradebook(jdbi, clock, catalog, List.of());
    }

    /** Submits, claims and records one grade a minute after the previous one. */
    private long graded(String user, AssignmentKey key, GradingReport report) {
        clock.advance(Duration.ofMinutes(1));
        store.accept(user, key, ("{\"n\": " + clock.millis() + "}").getBytes(StandardCharsets.UTF_8), "api");
        GradingJob job = queue.claim("w", Duration.ofMinutes(5)).orElseThrow();
        assertThat(gradebook.record(job.submission().id(), "w", report)).isTrue();
        return job.submission().id();
    }

    private static GradingReport report(double... scoreAndMaxPairs) {
        List<TestResult> tests = new ArrayList<>();
        double score = 0;
        double max = 0;
        for (int i = 0; i < scoreAndMaxPairs.length; i += 2) {
            double s = scoreAndMaxPairs[i];
            double m = scoreAndMaxPairs[i + 1];
            tests.add(new TestResult("q" + (i / 2 + 1), s, m, false, s == m, ""));
            score += s;
            max += m;
        }
        return new GradingReport(
                "graded", score, max, "gofer", tests, List.of(), List.of(), Optional.empty(), List.of());
    }

    private void smallCourse() {
        graded("alice", LAB1, report(1, 1, 0, 1, 0, 1)); // 1/3
        graded("alice", LAB1, report(1, 1, 1, 1, 1, 1)); // 3/3: best
        graded("alice", LAB1, report(1, 1, 1, 1, 0, 1)); // 2/3
        graded("bob", LAB1, GradingReport.failed("the notebook ran longer than the 300 s limit", List.of("timeout")));
        graded("=HYPERLINK(\"http://evil\",\"x\")", LAB1, report(1, 1, 0.5, 1, 0, 1));
        graded("o'brien, pat", LAB1, report(0.3333333, 1, 0, 1, 0, 1));
        graded("alice", LAB2, report(2, 2)); // earlier, better
        graded("alice", LAB2, report(1, 2)); // latest: counts
        graded("@carol", LAB2, report(0.0000001, 2));
        clock.advance(Duration.ofMinutes(1));
        store.accept("dave", LAB1, "{}".getBytes(StandardCharsets.UTF_8), "api"); // queued: not in the gradebook
    }

    private String export(Optional<String> assignment) {
        StringWriter out = new StringWriter();
        gradebook.exportCsv(out, assignment);
        return out.toString();
    }

    private static void assertGolden(String actual, String golden) throws IOException {
        String expected = Fixtures.text("csv/" + golden);
        if (!expected.equals(actual)) {
            Path dump = Path.of("target", "golden-actual", golden);
            Files.createDirectories(dump.getParent());
            Files.writeString(dump, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual)
                .as("CSV differs from csv/%s (actual written to target/golden-actual/)", golden)
                .isEqualTo(expected);
    }

    @Test
    void wholeGradebookMatchesTheGoldenFile() throws Exception {
        smallCourse();

        assertGolden(export(Optional.empty()), "all-assignments.csv");
    }

    @Test
    void oneAssignmentMatchesTheGoldenFile() throws Exception {
        smallCourse();

        assertGolden(export(Optional.of("data8x/fa24/lab02")), "lab02-latest.csv");
    }

    @Test
    void bestKeepsTheHighestAndLatestKeepsTheLast() {
        smallCourse();

        List<ScoreRow> rows = gradebook.standings(Optional.empty());

        assertThat(rows)
                .extracting(r -> r.assignment() + " " + r.username() + " " + r.score() + "/" + r.maxScore() + " of "
                        + r.submissions())
                .containsExactly(
                        "data8x/fa24/lab01 =HYPERLINK(\"http://evil\",\"x\") 1.5/3.0 of 1",
                        "data8x/fa24/lab01 alice 3.0/3.0 of 3",
                        "data8x/fa24/lab01 bob 0.0/0.0 of 1",
                        "data8x/fa24/lab01 o'brien, pat 0.3333333/3.0 of 1",
                        "data8x/fa24/lab02 @carol 1.0E-7/2.0 of 1",
                        "data8x/fa24/lab02 alice 1.0/2.0 of 2");
    }

    @Test
    void onlyAHeaderWhenNothingIsGraded() {
        store.accept("dave", LAB1, "{}".getBytes(StandardCharsets.UTF_8), "api");

        assertThat(export(Optional.empty()))
                .isEqualTo(
                        "student,assignment,score,max_score,percent,policy,submissions,submission_id,status,graded_at,raw_score,late_penalty,late_minutes,overridden\r\n");
    }

    @Test
    void policyIsLookedUpOncePerAssignment() {
        smallCourse();
        AtomicInteger lookups = new AtomicInteger();
        CsvExporter exporter = new CsvExporter(jdbi, a -> {
            lookups.incrementAndGet();
            return GradingRule.of(catalog.policyOf(a));
        });

        exporter.export(new StringWriter(), Optional.empty());

        assertThat(lookups).hasValue(2);
    }

    @Test
    void perQuestionColumnsFollowTheTestOrder() {
        graded(
                "alice",
                LAB1,
                new GradingReport(
                        "graded",
                        2,
                        3,
                        "otter",
                        List.of(
                                new TestResult("q2", 1, 1, false, true, ""),
                                new TestResult("q10", 1, 1, false, true, ""),
                                new TestResult("=cmd", 0, 1, true, false, "")),
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        List.of()));

        assertThat(export(Optional.empty()).lines().findFirst().orElseThrow())
                .endsWith(",graded_at,raw_score,late_penalty,late_minutes,overridden,q2,q10,'=cmd");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "alice|alice",
                "=1+1|'=1+1",
                "+1|'+1",
                "-1+1|'-1+1",
                "@SUM(A1)|'@SUM(A1)",
                "-3|-3",
                "-2.5|-2.5",
                "a,b|\"a,b\"",
                "say \"hi\"|\"say \"\"hi\"\"\"",
                "=A1,B1|\"'=A1,B1\"",
                "`a\nb`|`\"a\nb\"`",
            })
    void cellsAreNeutralisedThenQuoted(String cell, String expected) {
        assertThat(CsvExporter.escape(cell)).isEqualTo(expected);
    }

    @Test
    void tabAndCarriageReturnAtTheStartAreNeutralised() {
        assertThat(CsvExporter.escape("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvExporter.escape("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvExporter.escape(null)).isEmpty();
        assertThat(CsvExporter.escape("")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0",
        "-0.0, 0",
        "3, 3",
        "2.5, 2.5",
        "0.33333333, 0.3333",
        "66.666666, 66.6667",
        "1e-7, 0",
        "1e20, 100000000000000000000",
        "12345678.9, 12345678.9",
    })
    void numbersHaveNoExponentAndAtMostFourDecimals(double value, String expected) {
        assertThat(CsvExporter.number(value)).isEqualTo(expected);
    }
}
