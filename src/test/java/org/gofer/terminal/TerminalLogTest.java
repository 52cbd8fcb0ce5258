package org.gofer.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.gofer.assignment.AssignmentKey;
import org.gofer.submission.SubmissionStore;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalLogTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSessionIsRecordedFromStartToEndNewestFirst() {
        Jdbi jdbi = TestDatabase.in(dir);
        long first = submit(jdbi);
        long second = submit(jdbi);
        TerminalLog log = new TerminalLog(jdbi);

        long a = log.started(first, "prof", "gofer-grader:1", T0);
        log.container(a, "gofer-abc");
        log.ended(a, EndReason.IDLE, Optional.empty(), T0.plusSeconds(600));
        log.ended(a, EndReason.CLOSED, Optional.empty(), T0.plusSeconds(700)); // the first end stands
        long b = log.started(second, "ta", "gofer-grader:1", T0.plusSeconds(5));
        log.ended(b, EndReason.FAILED, Optional.of("x".repeat(5000)), T0.plusSeconds(6));

        assertThat(log.list(Optional.empty(), 10))
                .extracting(TerminalRecord::id)
                .containsExactly(b, a);
        TerminalRecord row = log.list(Optional.of(first), 10).get(0);
        assertThat(row)
                .isEqualTo(new TerminalRecord(
                        a,
                        first,
                        "prof",
                        "gofer-grader:1",
                        Optional.of("gofer-abc"),
                        T0,
                        Optional.of(T0.plusSeconds(600)),
                        Optional.of("idle"),
                        Optional.empty()));
        assertThat(log.list(Optional.of(second), 10).get(0).detail())
                .hasValueSatisfying(d -> assertThat(d).hasSize(1000));
    }

    @Test
    void sessionsLeftOpenByAStoppedServiceAreClosedAtTheNextStart() {
        Jdbi jdbi = TestDatabase.in(dir);
        TerminalLog log = new TerminalLog(jdbi);
        long open = log.started(submit(jdbi), "prof", "img", T0);

        assertThat(log.closeLeftovers(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(log.closeLeftovers(T0.plusSeconds(61))).isZero();
        TerminalRecord row = log.list(Optional.empty(), 1).get(0);
        assertThat(row.id()).isEqualTo(open);
        assertThat(row.endReason()).contains("service_restarted");
        assertThat(row.endedAt()).contains(T0.plusSeconds(60));
    }

    private long submit(Jdbi jdbi) {
        SubmissionStore store = new SubmissionStore(jdbi, dir.resolve("data"), Clock.systemUTC());
        return store.accept(
                        "alice",
                        AssignmentKey.parse("c8/s1/lab01"),
                        ("{\"cells\": [], \"n\": " + System.nanoTime() + "}").getBytes(StandardCharsets.UTF_8),
                        "test")
                .id();
    }
}
