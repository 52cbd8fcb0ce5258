package org.gofer.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gofer.assignment.AssignmentKey;
import org.gofer.testsupport.MutableClock;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionQueueTest {
    private static final AssignmentKey LAB = AssignmentKey.of("data8x", "fa24", "lab01");
    private static final Duration LEASE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private Jdbi jdbi;
    private SubmissionStore store;
    private SubmissionQueue queue;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.in(tmp);
        store = new SubmissionStore(jdbi, tmp.resolve("data"), clock);
        queue = new SubmissionQueue(jdbi, clock);
    }

    private long submit(String user) {
        return store.accept(user, LAB, ("{\"user\": \"" + user + "\"}").getBytes(StandardCharsets.UTF_8), "api")
                .id();
    }

    private String column(long id, String column) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + column + " FROM submissions WHERE id = ?")
                .bind(0, id)
                .mapTo(String.class)
                .one());
    }

    private void markGraded(long id) {
        jdbi.useHandle(h -> h.execute("""
                UPDATE submissions SET status = 'graded', score = 1, max_score = 1, lease_owner = NULL,
                       lease_until = NULL, finished_at = 0 WHERE id = ?""", id));
    }

    @Test
    void claimsOldestFirstAndMarksTheRowRunning() {
        long first = submit("alice");
        clock.advance(Duration.ofSeconds(1));
        long second = submit("bob");

        GradingJob job = queue.claim("w1", LEASE).orElseThrow();

        assertThat(job.submission().id()).isEqualTo(first);
        assertThat(job.leaseOwner()).isEqualTo("w1");
        assertThat(job.submission().status()).isEqualTo(SubmissionStatus.RUNNING);
        assertThat(job.submission().attempts()).isEqualTo(1);
        assertThat(job.submission().startedAt()).contains(clock.instant());
        assertThat(column(first, "lease_until")).isEqualTo(Long.toString(clock.millis() + LEASE.toMillis()));
        assertThat(queue.claim("w2", LEASE).orElseThrow().submission().id()).isEqualTo(second);
    }

    @Test
    void emptyQueueClaimsNothing() {
        assertThat(queue.claim("w1", LEASE)).isEmpty();
    }

    @Test
    void aLeasedJobIsNotClaimedAgainWhileTheLeaseHolds() {
        submit("alice");
        queue.claim("w1", LEASE).orElseThrow();
        clock.advance(LEASE.minusMillis(1));

        assertThat(queue.claim("w2", LEASE)).isEmpty();
    }

    @Test
    void anExpiredLeaseIsClaimableByAnotherWorker() {
        long id = submit("alice");
        queue.claim("w1", LEASE).orElseThrow();
        clock.advance(LEASE.plusMillis(1));

        GradingJob taken = queue.claim("w2", LEASE).orElseThrow();

        assertThat(taken.submission().id()).isEqualTo(id);
        assertThat(taken.leaseOwner()).isEqualTo("w2");
        assertThat(taken.submission().attempts()).isEqualTo(2);
        assertThat(column(id, "lease_owner")).isEqualTo("w2");
    }

    @Test
    void renewKeepsTheJobOnlyForItsOwner() {
        submit("alice");
        GradingJob job = queue.claim("w1", LEASE).orElseThrow();
        clock.advance(Duration.ofSeconds(50));

        assertThat(queue.renew(job, LEASE)).isTrue();
        clock.advance(Duration.ofSeconds(50));
        assertThat(queue.claim("w2", LEASE)).isEmpty();

        clock.advance(LEASE.plusSeconds(1));
        GradingJob stolen = queue.claim("w2", LEASE).orElseThrow();
        assertThat(queue.renew(job, LEASE)).isFalse();
        assertThat(queue.renew(stolen, LEASE)).isTrue();
    }

    @Test
    void retryLaterRequeuesWithANotBeforeInTheFutureAndTheError() {
        long id = submit("alice");
        GradingJob job = queue.claim("w1", LEASE).orElseThrow();

        assertThat(queue.retryLater(job, Duration.ofSeconds(30), "Docker is not answering"))
                .isTrue();

        assertThat(column(id, "status")).isEqualTo("queued");
        assertThat(Long.parseLong(column(id, "not_before"))).isEqualTo(clock.millis() + 30_000);
        assertThat(column(id, "lease_owner")).isNull();
        assertThat(queue.lastError(id)).contains("Docker is not answering");
        assertThat(queue.claim("w1", LEASE)).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(queue.claim("w1", LEASE)).map(j -> j.submission().id()).contains(id);
    }

    @Test
    void aDelayedJobGoesBehindJobsThatAreReady() {
        long delayed = submit("alice");
        queue.retryLater(queue.claim("w1", LEASE).orElseThrow(), Duration.ofSeconds(10), "outage");
        long fresh = submit("bob");
        clock.advance(Duration.ofSeconds(20));
        long fresher = submit("carol");

        assertThat(queue.claim("w1", LEASE).orElseThrow().submission().id()).isEqualTo(fresh);
        assertThat(queue.claim("w1", LEASE).orElseThrow().submission().id()).isEqualTo(delayed);
        assertThat(queue.claim("w1", LEASE).orElseThrow().submission().id()).isEqualTo(fresher);
    }

    @Test
    void retryLaterWithALostLeaseChangesNothing() {
        long id = submit("alice");
        GradingJob old = queue.claim("w1", LEASE).orElseThrow();
        clock.advance(LEASE.plusSeconds(1));
        queue.claim("w2", LEASE).orElseThrow();

        assertThat(queue.retryLater(old, Duration.ofSeconds(30), "late")).isFalse();
        assertThat(column(id, "status")).isEqualTo("running");
        assertThat(column(id, "lease_owner")).isEqualTo("w2");
        assertThat(queue.lastError(id)).isEmpty();
    }

    @Test
    void longErrorsAreTruncated() {
        long id = submit("alice");

        queue.retryLater(queue.claim("w1", LEASE).orElseThrow(), Duration.ZERO, "x".repeat(10_000));

        assertThat(queue.lastError(id)).get().asString().hasSize(2000);
    }

    @Test
    void recoverAbandonedRequeuesOnlyOtherProcessesRunningRows() {
        long mine = submit("alice");
        long theirs = submit("bob");
        long waiting = submit("carol");
        queue.claim("new-instance/worker-0", LEASE).orElseThrow();
        queue.claim("old-instance/worker-3", LEASE).orElseThrow();

        assertThat(queue.recoverAbandoned("new-instance/")).isEqualTo(1);

        assertThat(column(mine, "status")).isEqualTo("running");
        assertThat(column(theirs, "status")).isEqualTo("queued");
        assertThat(column(theirs, "lease_owner")).isNull();
        assertThat(queue.lastError(theirs)).get().asString().contains("service stopped");
        assertThat(column(waiting, "status")).isEqualTo("queued");
        assertThat(queue.claim("new-instance/worker-1", LEASE)
                        .orElseThrow()
                        .submission()
                        .id())
                .isEqualTo(theirs);
    }

    @Test
    void requeueSendsFinishedRowsBackButLeavesRunningOnes() {
        long graded = submit("alice");
        long otherAssignment = store.accept(
                        "bob",
                        AssignmentKey.of("data8x", "fa24", "lab02"),
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "api")
                .id();
        long running = submit("carol");
        queue.claim("w", LEASE);
        queue.claim("w", LEASE);
        queue.claim("w", LEASE);
        markGraded(graded);
        markGraded(otherAssignment);

        assertThat(queue.requeue(Optional.empty(), Optional.of("data8x/fa24/lab01")))
                .isEqualTo(1);
        assertThat(column(graded, "status")).isEqualTo("queued");
        assertThat(column(otherAssignment, "status")).isEqualTo("graded");
        assertThat(column(running, "status")).isEqualTo("running");

        assertThat(queue.requeue(Optional.of(otherAssignment), Optional.empty()))
                .isEqualTo(1);
        assertThat(column(otherAssignment, "status")).isEqualTo("queued");
        assertThat(queue.requeue(Optional.of(running), Optional.empty())).isZero();
    }

    @Test
    void concurrentClaimsNeverHandOneJobToTwoWorkers() throws Exception {
        int jobs = 200;
        int threads = 4;
        String sha = store.accept("student0", LAB, "{}".getBytes(StandardCharsets.UTF_8), "api")
                .notebookSha256();
        // the other rows in one transaction: 199 fsynced accepts would only slow the test down
        jdbi.useTransaction(h -> {
            for (int i = 1; i < jobs; i++) {
                h.execute("""
                        INSERT INTO submissions (username, assignment, notebook_sha256, submitted_at, status, not_before)
                        VALUES (?, ?, ?, ?, 'queued', ?)""", "student" + i, LAB.toString(), sha, clock.millis(), clock.millis());
            }
        });
        List<Long> submitted = jdbi.withHandle(h ->
                h.createQuery("SELECT id FROM submissions").mapTo(Long.class).list());
        assertThat(submitted).hasSize(jobs);
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = "w" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    // bounded: at most every job plus a few empty polls per thread
                    for (int i = 0; i < jobs + 10; i++) {
                        try {
                            Optional<GradingJob> job = queue.claim(owner, LEASE);
                            if (job.isEmpty()) {
                                break;
                            }
                            claimed.add(job.get().submission().id());
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Long, Integer> times = new HashMap<>();
        claimed.forEach(id -> times.merge(id, 1, Integer::sum));
        assertThat(errors).isEmpty();
        assertThat(times)
                .allSatisfy((id, n) -> assertThat(n).as("claims of %d", id).isEqualTo(1));
        assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(submitted);
        int runningOnce = jdbi.withHandle(
                h -> h.createQuery("SELECT count(*) FROM submissions WHERE status = 'running' AND attempts = 1")
                        .mapTo(Integer.class)
                        .one());
        assertThat(runningOnce).isEqualTo(jobs);
    }

    @Test
    void startedAtIsTheClaimTime() {
        long id = submit("alice");
        clock.advance(Duration.ofMinutes(3));

        queue.claim("w1", LEASE);

        assertThat(store.find(id).orElseThrow().startedAt()).contains(Instant.parse("2026-03-01T10:03:00Z"));
    }
}
