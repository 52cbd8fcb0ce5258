package org.gofer.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.gofer.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResultParserTest {
    private final ResultParser parser = new ResultParser();

    private GradingReport parse(String file) {
        return parser.parse(Fixtures.text("results/" + file));
    }

    @Test
    void fullMarks() {
        assertThat(parse("full-marks.json"))
                .isEqualTo(new GradingReport(
                        "graded",
                        3,
                        3,
                        "gofer",
                        List.of(
                                new TestResult("q1", 1, 1, false, true, ""),
                                new TestResult("q2", 1, 1, false, true, ""),
                                new TestResult("q3", 1, 1, true, true, "")),
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        List.of()));
    }

    @Test
    void partial() {
        GradingReport r = parse("partial.json");

        assertThat(r)
                .isEqualTo(new GradingReport(
                        "graded",
                        2.5,
                        4,
                        "otter",
                        List.of(
                                new TestResult("q1", 2, 2, false, true, "q1 passed"),
                                new TestResult(
                                        "q2",
                                        0.5,
                                        2,
                                        true,
                                        false,
                                        "q2 - 1 result:\n    Trying:\n        x\n    Expecting:\n        2\n    Got:\n        3")),
                        List.of(new CellError(4, "NameError", "name 'y' is not defined")),
                        List.of(),
                        Optional.of("cell 4 raised NameError"),
                        List.of("output")));
        assertThat(r.fraction()).isEqualTo(0.625);
    }

    @Test
    void suspiciousFindingsForceTheScoreToZero() {
        GradingReport r = parse("suspicious.json");

        assertThat(r.score()).isZero();
        assertThat(r.maxScore()).isEqualTo(2);
        assertThat(r.tests()).extracting(TestResult::score).containsExactly(0.0, 0.0);
        assertThat(r.tests()).extracting(TestResult::passed).containsExactly(false, false);
        assertThat(r.tests()).extracting(TestResult::maxScore).containsExactly(1.0, 1.0);
        assertThat(r.suspicious())
                .containsExactly("check was redefined in cell 3", "an object compared equal to everything");
        assertThat(r.reason())
                .contains("score set to 0: check was redefined in cell 3; an object compared equal to everything");
    }

    @Test
    void aFailureReportedByTheHarnessIsKept() {
        GradingReport r = parse("failed-by-harness.json");

        assertThat(r.status()).isEqualTo(GradingReport.FAILED);
        assertThat(r.score()).isZero();
        assertThat(r.reason()).contains("the notebook is not valid nbformat 4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "truncated.json, results are not JSON",
        "score-above-max.json, score 100.0 is outside 0..3.0",
        "test-score-above-max.json, test q1: score 5.0 outside 0..1.0",
        "totals-do-not-add-up.json, do not add up",
        "nan-score.json, results are not JSON",
        "infinite-score.json, must be a finite number",
        "unknown-status.json, unknown status 'excellent'",
    })
    void malformedResultsAreRejectedSayingWhy(String file, String why) {
        assertThatThrownBy(() -> parse(file))
                .isInstanceOf(MalformedResultException.class)
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "null",
                "\"graded\"",
                "{}",
                "{\"status\": 1, \"score\": 0, \"max_score\": 0}",
                "{\"status\": \"graded\", \"score\": \"3\", \"max_score\": 3}",
                "{\"status\": \"graded\", \"score\": \"NaN\", \"max_score\": 3}",
                "{\"status\": \"graded\", \"score\": -1, \"max_score\": 3}",
                "{\"status\": \"graded\", \"score\": 0, \"max_score\": -1}",
                "{\"status\": \"graded\", \"score\": 1, \"max_score\": 1, \"tests\": {\"q1\": 1}}",
                "{\"status\": \"graded\", \"score\": 1, \"max_score\": 1, \"tests\": [{\"score\": 1, \"max_score\": 1}]}",
                "{\"status\": \"graded\", \"score\": 0, \"max_score\": 1, "
                        + "\"tests\": [{\"name\": \"q\", \"score\": -0.5, \"max_score\": 0.5}, "
                        + "{\"name\": \"r\", \"score\": 0.5, \"max_score\": 0.5}]}",
            })
    void wrongShapesAreMalformed(String json) {
        assertThatThrownBy(() -> parser.parse(json)).isInstanceOf(MalformedResultException.class);
    }

    @Test
    void tooManyTestsAreMalformed() {
        StringBuilder tests = new StringBuilder();
        for (int i = 0; i <= ResultParser.MAX_TESTS; i++) {
            tests.append(i == 0 ? "" : ",")
                    .append("{\"name\": \"q")
                    .append(i)
                    .append("\", \"score\": 0, \"max_score\": 0}");
        }

        assertThatThrownBy(() -> parser.parse(
                        "{\"status\": \"graded\", \"score\": 0, \"max_score\": 0, \"tests\": [" + tests + "]}"))
                .isInstanceOf(MalformedResultException.class)
                .hasMessageContaining("at most " + ResultParser.MAX_TESTS);
    }

    @Test
    void longTextIsCappedAndErrorsAreLimited() {
        String huge = "x".repeat(ResultParser.MAX_TEXT * 3);
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < ResultParser.MAX_ERRORS + 50; i++) {
            errors.append(i == 0 ? "" : ",").append("{\"cell\": ").append(i).append(", \"ename\": \"E\"}");
        }

        GradingReport r = parser.parse("{\"status\": \"graded\", \"score\": 1, \"max_score\": 1, \"reason\": \"" + huge
                + "\", \"tests\": [{\"name\": \"q1\", \"score\": 1, \"max_score\": 1, \"message\": \"" + huge
                + "\"}], \"errors\": [" + errors + "]}");

        assertThat(r.reason())
                .get()
                .asString()
                .hasSize(ResultParser.MAX_TEXT + 1)
                .endsWith("…");
        assertThat(r.tests().get(0).message()).hasSize(ResultParser.MAX_TEXT + 1);
        assertThat(r.errors()).hasSize(ResultParser.MAX_ERRORS);
        assertThat(r.errors().get(0)).isEqualTo(new CellError(0, "E", ""));
    }

    @Test
    void roundingNoiseInTotalsIsTolerated() {
        GradingReport r = parser.parse("""
                {"status": "graded", "score": 0.3, "max_score": 0.3, "tests": [
                  {"name": "a", "score": 0.1, "max_score": 0.1}, {"name": "b", "score": 0.2, "max_score": 0.2}]}""");

        assertThat(r.score()).isEqualTo(0.3);
        assertThat(r.scoring()).isEmpty();
        assertThat(r.tests()).extracting(TestResult::hidden).containsExactly(false, false);
    }

    @Test
    void failedFactoryIsAZeroScoreWithAReason() {
        GradingReport r = GradingReport.failed("the notebook ran too long", List.of("timeout"));

        assertThat(r.status()).isEqualTo("failed");
        assertThat(r.score()).isZero();
        assertThat(r.fraction()).isZero();
        assertThat(r.reason()).contains("the notebook ran too long");
        assertThat(r.limitsHit()).containsExactly("timeout");
    }
}
