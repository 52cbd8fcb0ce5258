package org.gofer.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentKey;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.MutableClock;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** max_submissions and min_interval_seconds at intake, on a real gradebook file. */
class SubmissionLimitsTest {
    private static final AssignmentKey LAB = AssignmentKey.of("c8", "s1", "lab01");
    private static final Assignment.Attempts THREE = new Assignment.Attempts(Optional.of(3), Optional.empty());
    private static final Assignment.Attempts HOURLY =
            new Assignment.Attempts(Optional.empty(), Optional.of(Duration.ofHours(1)));

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-09-01T10:00:00Z");
    private Jdbi jdbi;
    private SubmissionStore store;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.in(tmp);
        store = new SubmissionStore(jdbi, tmp.resolve("data"), clock);
    }

    private static byte[] notebook(String code) {
        return Fixtures.notebook("c8", "s1", "lab01", code).getBytes(StandardCharsets.UTF_8);
    }

    private long rows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM submissions")
                .mapTo(Long.class)
                .one());
    }

    @Test
    void theMaximumRefusesTheNextSubmissionAndStoresNothing() {
        for (int i = 0; i < 3; i++) {
            store.accept("alice", LAB, notebook("x = " + i), "api", THREE);
        }

        assertThatThrownBy(() -> store.accept("alice", LAB, notebook("x = 99"), "api", THREE))
                .isInstanceOfSatisfying(SubmissionRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.retryAfterSeconds()).isEmpty();
                    assertThat(e.getMessage()).contains("used all 3 submissions allowed for c8/s1/lab01");
                });
        assertThat(rows()).isEqualTo(3);
        assertThat(store.notebookPath(NotebookFiles.sha256(notebook("x = 99"))))
                .as("the refused notebook is not written")
                .doesNotExist();
        AttemptStatus status = store.attempts("alice", LAB, THREE);
        assertThat(status.used()).isEqualTo(3);
        assertThat(status.exhausted()).isTrue();
        assertThat(status.remaining()).contains(0);
    }

    @Test
    void limitsAreCountedPerStudentAndAssignment() {
        store.accept("alice", LAB, notebook("a"), "api", THREE);
        store.accept("alice", LAB, notebook("b"), "api", THREE);

        store.accept("bob", LAB, notebook("c"), "api", THREE);
        store.accept("alice", AssignmentKey.of("c8", "s1", "lab02"), notebook("d"), "api", THREE);

        assertThat(store.attempts("alice", LAB, THREE).remaining()).contains(1);
        assertThat(store.attempts("bob", LAB, THREE).remaining()).contains(2);
    }

    @Test
    void theIntervalAsksToWaitWithRetryAfterUntilItHasPassed() {
        store.accept("alice", LAB, notebook("a"), "api", HOURLY);
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));

        assertThatThrownBy(() -> store.accept("alice", LAB, notebook("b"), "api", HOURLY))
                .isInstanceOfSatisfying(SubmissionRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).contains(30L);
                    assertThat(e.getMessage()).contains("wait 30 s").contains("2026-09-01T11:00:00Z");
                });
        assertThat(store.attempts("alice", LAB, HOURLY).nextAllowedAt())
                .contains(Instant.parse("2026-09-01T11:00:00Z"));
        assertThat(rows()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        store.accept("alice", LAB, notebook("b"), "api", HOURLY);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aRegradeIsNotASubmission() {
        Submission first = store.accept("alice", LAB, notebook("a"), "api", THREE);
        store.accept("alice", LAB, notebook("b"), "api", THREE);
        SubmissionQueue queue = new SubmissionQueue(jdbi, clock);

        queue.requeue(Optional.of(first.id()), Optional.empty());
        queue.requeue(Optional.empty(), Optional.of(LAB.toString()));

        assertThat(store.attempts("alice", LAB, THREE).used()).isEqualTo(2);
        store.accept("alice", LAB, notebook("c"), "api", THREE);
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void tenConcurrentSubmissionsCannotPassTheMaximum() throws Exception {
        int threads = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                byte[] nb = notebook("x = " + i);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.accept("alice", LAB, nb, "api", THREE);
                        return true;
                    } catch (SubmissionRefusedException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> f : results) {
                if (f.get(60, TimeUnit.SECONDS)) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void withoutLimitsEverySubmissionIsTaken() {
        for (int i = 0; i < 5; i++) {
            store.accept("alice", LAB, notebook("x = " + i), "api", Assignment.Attempts.none());
        }

        assertThat(rows()).isEqualTo(5);
        assertThat(store.attempts("alice", LAB, Assignment.Attempts.none()).max())
                .isEmpty();
    }
}
