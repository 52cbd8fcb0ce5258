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
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.UnknownAssignmentException;
import org.gofer.lti.PassbackOutbox;
import org.gofer.lti.PassbackScore;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extensions and overrides on a real gradebook with the real LTI outbox as listener: each change
 * moves the final score every reader sees, leaves an audit row and queues the new score for the
 * LMS in the same transaction; bad input changes nothing.
 */
class GradeChangesTest {
    static final Instant DUE = LatePolicyTest.DUE;
    static final String LAB = LatePolicyTest.LAB;
    static final AssignmentKey KEY = LatePolicyTest.KEY;

    @TempDir
    Path tmp;

    Jdbi jdbi;
    AssignmentCatalog catalog;
    GradeChanges changes;

    @BeforeEach
    void setUp() throws Exception {
        jdbi = TestDatabase.in(tmp);
        jdbi.useHandle(h ->
                h.execute("INSERT INTO notebooks (sha256, size_bytes, stored_at) VALUES (?, 1, 0)", "a".repeat(64)));
        Path dir = tmp.resolve("tests/" + LAB);
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/q1.py"), "test = {}\n");
        Files.writeString(dir.resolve("assignment.json"), """
                {"due_at": "2026-12-01T23:59:00Z",
                 "late_policy": {"grace_minutes": 15, "penalty_percent": 10, "per": "day"},
                 "lti": {"consumer_key": "edx", "outcome_url": "http://127.0.0.1:9/outcome",
                         "sourcedid": "course-v1:X+Y+Z:{user}"}}""");
        catalog = new AssignmentCatalog(tmp.resolve("tests"));
        Clock clock = Clock.fixed(DUE.plus(Duration.ofDays(4)), ZoneOffset.UTC);
        changes = new GradeChanges(jdbi, catalog, clock, List.of(new PassbackOutbox(jdbi, catalog, clock)));
    }

    @Test
    void anExtensionGrantedAfterALateSubmissionRemovesItsPenalty() {
        long late = GradeFixtures.graded(jdbi, "alice", LAB, DUE.plus(Duration.ofHours(30)), 10, 10);
        assertThat(counted().penalty()).isEqualTo(2.0); // two started days
        assertThat(counted().score()).isEqualTo(8.0);

        changes.grantExtension(KEY, "alice", DUE.plus(Duration.ofDays(5)), Optional.empty(), "flu, note seen", "prof");

        ScoreRow now = counted();
        assertThat(now.submissionId()).isEqualTo(late);
        assertThat(now.penalty()).isZero();
        assertThat(now.lateMillis()).isZero();
        assertThat(now.score()).isEqualTo(10.0);
        GradeChange audit = changes.recordOf(LAB, "alice").changes().get(0);
        assertThat(audit.kind()).isEqualTo("extension_granted");
        assertThat(audit.oldFinal()).contains(8.0);
        assertThat(audit.newFinal()).contains(10.0);
        assertThat(audit.actor()).isEqualTo("prof");
        assertThat(audit.reason()).isEqualTo("flu, note seen");
        assertThat(lastPassback()).isEqualTo(PassbackScore.format(1.0));

        assertThat(changes.revokeExtension(KEY, "alice", "note was forged", "prof"))
                .isTrue();
        assertThat(counted().score()).isEqualTo(8.0);
        assertThat(lastPassback()).isEqualTo(PassbackScore.format(0.8));
    }

    @Test
    void overridesSetAdjustAndClearWithAuditRowsAndAPassbackEach() {
        GradeFixtures.graded(jdbi, "alice", LAB, DUE.plus(Duration.ofHours(2)), 6, 10); // 6 - 1 = 5

        ScoreRow set = changes.override(
                KEY, "alice", Optional.empty(), new GradeChanges.Amount.Points(9), "regrade by hand", "prof");
        assertThat(set.score())
                .as("a whole-score override is final, whatever lateness says")
                .isEqualTo(9.0);
        assertThat(set.overridden()).isTrue();
        assertThat(set.rawScore()).isEqualTo(6.0);
        assertThat(lastPassback()).isEqualTo(PassbackScore.format(0.9));

        ScoreRow adjusted = changes.override(
                KEY, "alice", Optional.empty(), new GradeChanges.Amount.Adjust(-1.5), "copied q2", "prof");
        assertThat(adjusted.score()).isEqualTo(7.5);
        assertThat(lastPassback()).isEqualTo(PassbackScore.format(0.75));

        assertThat(changes.clearOverride(KEY, "alice", Optional.empty(), "mistake", "prof"))
                .isTrue();
        assertThat(counted().score()).isEqualTo(5.0);
        assertThat(counted().overridden()).isFalse();
        assertThat(lastPassback()).isEqualTo(PassbackScore.format(0.5));

        List<GradeChange> log = changes.recordOf(LAB, "alice").changes();
        assertThat(log)
                .extracting(GradeChange::kind)
                .containsExactly("override_cleared", "override_set", "override_set");
        assertThat(log)
                .extracting(GradeChange::oldFinal)
                .containsExactly(Optional.of(7.5), Optional.of(9.0), Optional.of(5.0));
        assertThat(log)
                .extracting(GradeChange::newFinal)
                .containsExactly(Optional.of(5.0), Optional.of(7.5), Optional.of(9.0));
        assertThat(passbacks()).isEqualTo(3);
    }

    @Test
    void aQuestionOverrideReplacesThatQuestionAndTheLatePenaltyStillApplies() {
        GradeFixtures.graded(jdbi, "alice", LAB, DUE.plus(Duration.ofHours(2)), 6, 10); // q1 6/6, q2 0/4

        ScoreRow row = changes.override(
                KEY, "alice", Optional.of("q2"), new GradeChanges.Amount.Points(4), "test was wrong", "prof");

        assertThat(row.score()).isEqualTo(9.0); // (6 + 4) - 10 % of 10
        assertThat(row.penalty()).isEqualTo(1.0);
        assertThat(row.overridden()).isTrue();
        assertThat(changes.recordOf(LAB, "alice").overrides())
                .extracting(ScoreOverride::question, ScoreOverride::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("q2", 4.0));
        java.io.StringWriter csv = new java.io.StringWriter();
        new CsvExporter(jdbi, catalog).export(csv, Optional.of(LAB));
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines.get(0)).endsWith(",raw_score,late_penalty,late_minutes,overridden,q1,q2");
        assertThat(lines.get(1))
                .as("raw_score stays the grader's; the question columns show the points that count")
                .endsWith(",9,10,90,best,1,1,graded,2026-12-02T01:59:02Z,6,1,120,yes,6,4");
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        GradeFixtures.graded(jdbi, "alice", LAB, DUE.plus(Duration.ofHours(2)), 6, 10);
        changes.override(KEY, "alice", Optional.empty(), new GradeChanges.Amount.Points(7), "first", "prof");
        String before = snapshot();

        List<ThrowingCallable> bad = List.of(
                () -> changes.override(
                        KEY, "alice", Optional.empty(), new GradeChanges.Amount.Points(10.5), "too many", "prof"),
                () -> changes.override(
                        KEY, "alice", Optional.empty(), new GradeChanges.Amount.Adjust(-8), "below 0", "p"),
                () -> changes.override(
                        KEY, "alice", Optional.of("q2"), new GradeChanges.Amount.Points(5), "q2 max 4", "p"),
                () -> changes.override(
                        KEY, "alice", Optional.of("q9"), new GradeChanges.Amount.Points(1), "no q9", "p"),
                () -> changes.override(KEY, "alice", Optional.empty(), new GradeChanges.Amount.Points(5), "  ", "p"),
                () -> changes.override(
                        KEY, "bob", Optional.empty(), new GradeChanges.Amount.Points(5), "no grade", "p"),
                () -> changes.override(KEY, "../etc", Optional.empty(), new GradeChanges.Amount.Points(5), "bad", "p"),
                () -> changes.grantExtension(KEY, "alice", DUE.minusSeconds(1), Optional.empty(), "earlier", "p"),
                // after the assignment's due date but already over (the clock is 4 days past it)
                () -> changes.grantExtension(
                        KEY, "alice", DUE.plus(Duration.ofDays(3)), Optional.empty(), "in the past", "p"),
                () -> changes.grantExtension(
                        KEY, "alice", DUE.plusSeconds(60), Optional.of(DUE.plusSeconds(30)), "cutoff first", "p"),
                () -> changes.grantExtension(
                        AssignmentKey.parse("c8/s1/nope"), "alice", DUE.plusSeconds(60), Optional.empty(), "x", "p"));
        for (ThrowingCallable call : bad) {
            assertThatThrownBy(call)
                    .isInstanceOfAny(
                            InvalidGradeChangeException.class,
                            NoCountedGradeException.class,
                            UnknownAssignmentException.class);
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(changes.clearOverride(KEY, "alice", Optional.of("q1"), "none there", "p"))
                .isFalse();
        assertThat(changes.revokeExtension(KEY, "alice", "none there", "p")).isFalse();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theAuditLogIsAppendOnly() {
        GradeFixtures.graded(jdbi, "alice", LAB, DUE, 6, 10);
        changes.override(KEY, "alice", Optional.empty(), new GradeChanges.Amount.Points(7), "why", "prof");

        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE grade_changes SET new_final = 10")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM grade_changes")))
                .hasMessageContaining("append-only");
    }

    ScoreRow counted() {
        return jdbi.withHandle(h -> CountedGrades.forStudent(h, "alice", LAB, GradingRule.of(catalog.settings(KEY))))
                .orElseThrow();
    }

    String lastPassback() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT score FROM lti_passbacks WHERE username = 'alice' AND status = 'pending' ORDER BY id DESC")
                .mapTo(String.class)
                .first());
    }

    long passbacks() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM lti_passbacks")
                .mapTo(Long.class)
                .one());
    }

    /** Every row the changes could touch, as text. */
    String snapshot() {
        return jdbi.withHandle(h -> String.join(
                "\n",
                h.createQuery("SELECT * FROM extensions").mapToMap().list().toString(),
                h.createQuery("SELECT * FROM score_overrides").mapToMap().list().toString(),
                h.createQuery("SELECT * FROM grade_changes").mapToMap().list().toString(),
                h.createQuery("SELECT id, score, status FROM lti_passbacks")
                        .mapToMap()
                        .list()
                        .toString()));
    }
}
