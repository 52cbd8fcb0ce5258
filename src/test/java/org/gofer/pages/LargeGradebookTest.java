package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gofer.gradebook.ScoreRow;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 students × 10 assignments (two graded submissions each, two questions per grade),
 * written straight into SQLite: every page renders one page of rows with links to the rest, and
 * the pages' SQL choice of the counted grade equals {@code Gradebook.standings}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeGradebookTest {
    static final int STUDENTS = 1000;
    static final int ASSIGNMENTS = 10;

    @TempDir
    static Path dir;

    PagesFixture gofer;

    @BeforeAll
    void fill() {
        gofer = new PagesFixture(dir, false);
        for (int a = 0; a < ASSIGNMENTS; a++) {
            PagesFixture.write(dir.resolve("tests/big/s1/hw" + a + "/tests/q1.py"), "expect = \"x\"\n");
            PagesFixture.write(
                    dir.resolve("tests/big/s1/hw" + a + "/assignment.json"),
                    "{\"policy\": \"" + (a % 2 == 0 ? "best" : "latest") + "\"}");
        }
        String sha = "a".repeat(64);
        gofer.jdbi.useTransaction(h -> {
            h.execute("INSERT INTO notebooks (sha256, size_bytes, stored_at) VALUES (?, 1, 0)", sha);
            PreparedBatch subs = h.prepareBatch("""
                    INSERT INTO submissions (id, username, assignment, notebook_sha256, source, submitted_at, status,
                                             not_before, attempts, started_at, finished_at, score, max_score)
                    VALUES (:id, :user, :a, :sha, 'api', :t, 'graded', :t, 1, :t, :t, :score, 2)""");
            PreparedBatch tests = h.prepareBatch("""
                    INSERT INTO test_scores (submission_id, position, name, score, max_score, hidden, passed)
                    VALUES (:id, :pos, :name, :score, 1, 0, :passed)""");
            long id = 0;
            for (int s = 0; s < STUDENTS; s++) {
                for (int a = 0; a < ASSIGNMENTS; a++) {
                    for (int k = 0; k < 2; k++) {
                        id++;
                        int q1 = (s + a + k) % 2;
                        int q2 = (s * 7 + a * 3 + k) % 3 == 0 ? 1 : 0;
                        subs.bind("id", id)
                                .bind("user", String.format("student%04d", s))
                                .bind("a", "big/s1/hw" + a)
                                .bind("sha", sha)
                                .bind("t", 1_000_000L + id)
                                .bind("score", q1 + q2)
                                .add();
                        tests.bind("id", id)
                                .bind("pos", 0)
                                .bind("name", "q1")
                                .bind("score", q1)
                                .bind("passed", q1)
                                .add();
                        tests.bind("id", id)
                                .bind("pos", 1)
                                .bind("name", "q2")
                                .bind("score", q2)
                                .bind("passed", q2)
                                .add();
                    }
                }
            }
            subs.execute();
            tests.execute();
        });
    }

    @AfterAll
    void stop() {
        gofer.close();
    }

    @Test
    void theGradebookShowsOnePageOfStudentsWithLinksToTheRest() {
        String first = gofer.get("pages/gradebook", PagesFixture.PROF).body();
        assertThat(count(first, "<th scope=\"row\">")).isEqualTo(GradebookGrid.PAGE_SIZE);
        assertThat(first)
                .contains("1000 students", "page 1 of 20", "student0000", "student0049")
                .doesNotContain("student0050");
        assertThat(count(first, "<td class=\"num s-")).isEqualTo(GradebookGrid.PAGE_SIZE * ASSIGNMENTS);

        String last = gofer.get("pages/gradebook?page=20", PagesFixture.PROF).body();
        assertThat(count(last, "<th scope=\"row\">")).isEqualTo(GradebookGrid.PAGE_SIZE);
        assertThat(last).contains("student0999", "page 20 of 20");

        String byScore = gofer.get("pages/gradebook?sort=big/s1/hw3&dir=desc&page=3", PagesFixture.PROF)
                .body();
        assertThat(count(byScore, "<th scope=\"row\">")).isEqualTo(GradebookGrid.PAGE_SIZE);
        String byTotal = gofer.get("pages/gradebook?sort=total&dir=desc", PagesFixture.PROF)
                .body();
        assertThat(count(byTotal, "<th scope=\"row\">")).isEqualTo(GradebookGrid.PAGE_SIZE);

        String filtered =
                gofer.get("pages/gradebook?q=student012", PagesFixture.PROF).body();
        assertThat(count(filtered, "<th scope=\"row\">")).isEqualTo(10);
        assertThat(filtered).contains("10 students").doesNotContain("page 1 of");
    }

    @Test
    void oneAssignmentShowsOnePageOfStandingsPerQuestionAndTheHistogramOfAll() {
        String page = gofer.get("pages/gradebook/big/s1/hw4?sort=score&dir=desc&page=2", PagesFixture.PROF)
                .body();
        assertThat(count(page, "<th scope=\"row\">")).isEqualTo(GradebookGrid.PAGE_SIZE);
        assertThat(page)
                .contains(
                        "1000 students with a grade",
                        "page 2 of 20",
                        "<th>q1</th>",
                        "<th>q2</th>",
                        "1000 students with a recorded grade");
        String failedOnly = gofer.get("pages/gradebook/big/s1/hw4?status=failed", PagesFixture.PROF)
                .body();
        assertThat(failedOnly).contains("0 students with a grade");
    }

    @Test
    void aStudentSeesTheirTenAssignmentsAndPagedHistory() {
        gofer.hub.addToken("s7-token", "student0007", false, java.util.List.of(), java.util.List.of("access:services"));
        String dashboard = gofer.get("pages/", "s7-token").body();
        assertThat(count(dashboard, "pages/assignments/big/s1/hw")).isEqualTo(ASSIGNMENTS);
        String history = gofer.get("pages/assignments/big/s1/hw1", "s7-token").body();
        assertThat(count(history, "<tr><td><a href=")).isEqualTo(2);
        assertThat(gofer.get("pages/queue", PagesFixture.PROF).body()).contains("Grading queue");
    }

    @Test
    void thePagesCountTheSameGradeAsTheGradebook() {
        Map<String, ScoreRow> expected = new HashMap<>();
        gofer.gradebook.standings(Optional.empty()).forEach(r -> expected.put(r.username() + " " + r.assignment(), r));
        var grid = new GradebookGrid(gofer.jdbi)
                .grid(
                        new GradebookGrid.Request(Optional.of("student00"), "student", false, 1),
                        org.gofer.gradebook.GradingRules.latest(java.util.List.of(
                                "big/s1/hw1", "big/s1/hw3", "big/s1/hw5", "big/s1/hw7", "big/s1/hw9")));
        assertThat(grid.students()).hasSize(GradebookGrid.PAGE_SIZE);
        grid.cells()
                .forEach((user, row) -> row.forEach((a, r) -> assertThat(r).isEqualTo(expected.get(user + " " + a))));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
