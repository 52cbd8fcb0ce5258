package org.gofer.gradebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.Deadlines;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Late penalties as CountedGrades computes them on a real, freshly migrated gradebook, against the
 * arithmetic of {@link Deadlines.LatePolicy#penalty}, and the intake window they come with.
 */
class LatePolicyTest {
    static final Instant DUE = Instant.parse("2026-12-01T23:59:00Z");
    static final String LAB = "c8/s1/lab01";
    static final AssignmentKey KEY = AssignmentKey.parse(LAB);

    @TempDir
    Path tmp;

    Jdbi jdbi;
    AssignmentCatalog catalog;

    @BeforeEach
    void setUp() throws Exception {
        jdbi = TestDatabase.in(tmp);
        jdbi.useHandle(h ->
                h.execute("INSERT INTO notebooks (sha256, size_bytes, stored_at) VALUES (?, 1, 0)", "a".repeat(64)));
        catalog = new AssignmentCatalog(tmp.resolve("tests"));
        assignment("""
                {"opens_at": "2026-11-20T08:00:00Z", "due_at": "2026-12-01T23:59:00Z",
                 "late_policy": {"grace_minutes": 15, "penalty_percent": 10, "per": "day", "cutoff_after": "P3D"}}""");
    }

    void assignment(String json) throws Exception {
        Path dir = tmp.resolve("tests/" + LAB);
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/q1.py"), "test = {}\n");
        Files.writeString(dir.resolve("assignment.json"), json);
    }

    @ParameterizedTest(name = "{0} late -> penalty {1} of 10")
    @CsvSource({
        "PT0S, 0",
        "PT15M, 0", // the grace is inclusive
        "PT15M0.001S, 1", // one millisecond past the grace: the first day has started
        "PT24H, 1",
        "PT24H0.001S, 2", // every started day counts
        "PT71H, 3",
        "P9D, 9",
        "P12D, 10", // capped at 100 % of the points possible
        "-PT1H, 0" // early
    })
    void penaltyPerStartedDayAfterTheGraceCappedAtTheWholeScore(String lateness, double penalty) {
        Duration late = Duration.parse(lateness);
        submission("alice", DUE.plus(late), 10, 10);

        AdjustedGrade g = only("alice");

        Deadlines.LatePolicy policy = catalog.settings(KEY).deadlines().late().orElseThrow();
        assertThat(g.penalty()).isEqualTo(penalty).isEqualTo(policy.penalty(late, 10));
        assertThat(g.score()).isEqualTo(10 - penalty);
        assertThat(g.lateMillis()).isEqualTo(Math.max(0, late.toMillis()));
    }

    @Test
    void perHourPenaltyAndAScoreNeverBelowZero() throws Exception {
        assignment("""
                {"due_at": "2026-12-01T23:59:00Z", "late_policy": {"penalty_percent": 25, "per": "hour"}}""");
        submission("alice", DUE.plus(Duration.ofMinutes(61)), 3, 10); // 2 started hours: 50 % of 10 = 5 > 3

        AdjustedGrade g = only("alice");

        assertThat(g.penalty()).isEqualTo(5.0);
        assertThat(g.score()).isZero();
        ScoreRow counted = counted("alice");
        assertThat(counted.score()).isZero();
        assertThat(counted.fraction()).isZero();
        assertThat(counted.rawScore()).isEqualTo(3.0);
    }

    @Test
    void bestComparesScoresAfterThePenalty() {
        long onTime = submission("alice", DUE.minusSeconds(60), 7, 10);
        submission("alice", DUE.plus(Duration.ofDays(2)), 8, 10); // 8 - 2 = 6 < 7

        assertThat(counted("alice").submissionId()).isEqualTo(onTime);
    }

    @Test
    void intakeRefusesBeforeOpeningAndAfterTheCutoffAndTakesLateWorkInBetween() {
        assertThatThrownBy(() -> window(Instant.parse("2026-11-20T07:59:59Z")).check("alice", KEY))
                .isInstanceOf(SubmissionWindowClosedException.class)
                .hasMessageContaining("opens for submissions at 2026-11-20T08:00:00Z");
        window(Instant.parse("2026-11-20T08:00:00Z")).check("alice", KEY);
        window(DUE.plus(Duration.ofDays(3))).check("alice", KEY); // the cutoff itself is still open
        assertThatThrownBy(
                        () -> window(DUE.plus(Duration.ofDays(3)).plusMillis(1)).check("alice", KEY))
                .isInstanceOf(SubmissionWindowClosedException.class)
                .hasMessageContaining("closed for submissions at 2026-12-04T23:59:00Z");
    }

    @Test
    void anExtensionMovesTheCutoffForThatStudentOnly() {
        Instant later = DUE.plus(Duration.ofDays(5));
        changes(DUE)
                .grantExtension(KEY, "alice", DUE.plus(Duration.ofDays(3)), java.util.Optional.empty(), "ill", "prof");

        window(later).check("alice", KEY); // her cutoff: her due date + 3 days
        assertThatThrownBy(() -> window(later).check("bob", KEY)).isInstanceOf(SubmissionWindowClosedException.class);
    }

    @Test
    void deadlineIsAnAliasOfDueAtAndBadPoliciesNameTheirKey() throws Exception {
        assignment("{\"deadline\": \"2026-12-01T23:59:00Z\"}");
        assertThat(catalog.settings(KEY).deadlines().dueAt()).contains(DUE);
        for (String[] bad : List.of(
                new String[] {"{\"due_at\": \"tomorrow\"}", "\"due_at\" must be an ISO-8601 instant"},
                new String[] {
                    "{\"due_at\": \"2026-12-01T23:59:00Z\", \"deadline\": \"2026-12-02T23:59:00Z\"}", "set one of them"
                },
                new String[] {"{\"late_policy\": {\"penalty_percent\": 10}}", "needs a \"due_at\""},
                new String[] {
                    "{\"due_at\": \"2026-12-01T23:59:00Z\", \"late_policy\": {\"penalty_percent\": 120}}",
                    "\"late_policy.penalty_percent\" must be a number from 0 to 100"
                },
                new String[] {
                    "{\"due_at\": \"2026-12-01T23:59:00Z\", \"late_policy\": {\"penalty_percent\": 5, \"per\": \"week\"}}",
                    "\"late_policy.per\" must be \"day\" or \"hour\""
                },
                new String[] {
                    "{\"due_at\": \"2026-12-01T23:59:00Z\", \"late_policy\": {\"penalty_percent\": 5, \"grace_minutes\": -1}}",
                    "\"late_policy.grace_minutes\""
                },
                new String[] {
                    "{\"due_at\": \"2026-12-01T23:59:00Z\", \"late_policy\": {\"penalty_percent\": 5, \"cutoff_after\": \"3 days\"}}",
                    "\"late_policy.cutoff_after\" must be a positive ISO-8601 duration"
                },
                new String[] {
                    "{\"opens_at\": \"2026-12-02T00:00:00Z\", \"due_at\": \"2026-12-01T23:59:00Z\"}",
                    "\"opens_at\" must be before \"due_at\""
                })) {
            assignment(bad[0]);
            assertThatThrownBy(() -> catalog.settings(KEY)).as(bad[0]).hasMessageContaining(bad[1]);
        }
    }

    SubmissionWindow window(Instant now) {
        return new SubmissionWindow(jdbi, catalog, Clock.fixed(now, ZoneOffset.UTC));
    }

    GradeChanges changes(Instant now) {
        return new GradeChanges(jdbi, catalog, Clock.fixed(now, ZoneOffset.UTC), List.of());
    }

    AdjustedGrade only(String user) {
        List<AdjustedGrade> all =
                jdbi.withHandle(h -> CountedGrades.submissions(h, user, LAB, GradingRule.of(catalog.settings(KEY))));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    ScoreRow counted(String user) {
        return jdbi.withHandle(h -> CountedGrades.forStudent(h, user, LAB, GradingRule.of(catalog.settings(KEY))))
                .orElseThrow();
    }

    /** A graded submission of questions q1 (6 points) and q2 (4) whose recorded total is {@code score}. */
    long submission(String user, Instant submittedAt, double score, double max) {
        return GradeFixtures.graded(jdbi, user, LAB, submittedAt, score, max);
    }
}
