package org.gofer.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentKey;
import org.gofer.db.Database;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real gradebook file. To make a batch's contents certain, a test holds
 * SQLite's write lock from a second connection: the committer's first batch then waits in BEGIN
 * IMMEDIATE while the next submissions queue up, and releasing the lock lets them through as one.
 */
class IntakeCommitterTest {
    private static final AssignmentKey LAB = AssignmentKey.of("c8", "s1", "lab01");
    private static final Assignment.Attempts ONE = new Assignment.Attempts(Optional.of(1), Optional.empty());

    @TempDir
    Path tmp;

    private Jdbi jdbi;
    private NotebookFiles files;
    private IntakeCommitter committer;
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final ExecutorService callers = Executors.newFixedThreadPool(48);
    private int notebooks;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.in(tmp);
        files = new NotebookFiles(tmp.resolve("data"));
        committer = new IntakeCommitter(jdbi, new IntakeBatch(Clock.systemUTC()), wakeUps::incrementAndGet);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        committer.close(Duration.ofSeconds(15));
        callers.shutdownNow();
        assertThat(callers.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void manyConcurrentSubmissionsGetOneVisibleRowEachWithDistinctIds() throws Exception {
        int threads = 40;
        int each = 5;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Submission>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String user = "student" + t;
            List<IntakeItem> items = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                items.add(item(user, Assignment.Attempts.none()));
            }
            results.add(callers.submit(() -> {
                start.await();
                List<Submission> mine = new ArrayList<>();
                for (IntakeItem item : items) {
                    Submission s = committer.commit(item);
                    // Visible from another connection the moment the caller hears of it.
                    assertThat(row(s.id())).as("row of " + s.id()).contains(s.notebookSha256());
                    mine.add(s);
                }
                return mine;
            }));
        }
        start.countDown();

        Set<Long> ids = new HashSet<>();
        for (Future<List<Submission>> f : results) {
            for (Submission s : f.get(60, TimeUnit.SECONDS)) {
                assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
                assertThat(s.attempts()).isZero();
                ids.add(s.id());
            }
        }
        assertThat(ids).hasSize(threads * each);
        assertThat(count("SELECT count(*) FROM submissions")).isEqualTo(threads * each);
        assertThat(count("SELECT count(*) FROM notebooks")).isEqualTo(threads * each);
        assertThat(committer.committed()).isEqualTo(threads * each);
        assertThat(committer.batches()).isBetween(1L, (long) threads * each);
        assertThat(wakeUps.get()).isEqualTo((int) committer.batches());
    }

    @Test
    void submissionsWaitingTogetherShareOneTransaction() throws Exception {
        int n = 20;
        List<Future<Submission>> waiting = new ArrayList<>();
        try (WriteLock lock = new WriteLock()) {
            Future<Submission> first = submitAndAwaitItsBatch(item("first", Assignment.Attempts.none()));
            for (int i = 0; i < n; i++) {
                waiting.add(callers.submit(call(item("student" + i, Assignment.Attempts.none()))));
            }
            awaitTrue(() -> committer.waiting() == n, "all " + n + " submissions queue behind the first");
            assertThat(first).isNotDone();
            waiting.add(first);
        }

        for (Future<Submission> f : waiting) {
            assertThat(row(f.get(30, TimeUnit.SECONDS).id())).isPresent();
        }
        assertThat(committer.batches())
                .as("the first alone, then the %d that waited for it together", n)
                .isEqualTo(2);
        assertThat(committer.committed()).isEqualTo(n + 1);
        assertThat(count("SELECT count(*) FROM submissions")).isEqualTo(n + 1);
        assertThat(wakeUps.get()).isEqualTo(2);
    }

    @Test
    void anItemTheLimitsRefuseInsideTheBatchFailsAloneAndTheOthersCommit() throws Exception {
        Future<Submission> aliceFirst;
        Future<Submission> aliceSecond;
        Future<Submission> bob;
        try (WriteLock lock = new WriteLock()) {
            submitAndAwaitItsBatch(item("blocker", Assignment.Attempts.none()));
            // Both passed the check before the transaction (no submission yet): only the batch can refuse one.
            aliceFirst = callers.submit(call(item("alice", ONE)));
            awaitTrue(() -> committer.waiting() == 1, "alice's first submission queues");
            aliceSecond = callers.submit(call(item("alice", ONE)));
            bob = callers.submit(call(item("bob", ONE)));
            awaitTrue(() -> committer.waiting() == 3, "three submissions queue");
        }

        Submission first = aliceFirst.get(30, TimeUnit.SECONDS);
        assertThat(row(first.id())).isPresent();
        assertThat(row(bob.get(30, TimeUnit.SECONDS).id())).isPresent();
        assertThatThrownBy(() -> aliceSecond.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(SubmissionRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("used all 1 submissions allowed for c8/s1/lab01");
                });
        assertThat(count("SELECT count(*) FROM submissions WHERE username = 'alice'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM submissions")).isEqualTo(3);
        assertThat(committer.batches()).isEqualTo(2);
    }

    @Test
    void aFailedTransactionFailsEveryCallerOfItsBatchAndStoresNoRow() throws Exception {
        // The narrow seam: a trigger in this test's own gradebook makes one insert abort its transaction.
        jdbi.useHandle(h -> h.execute("""
                CREATE TRIGGER refuse_poison BEFORE INSERT ON submissions WHEN NEW.username = 'poison'
                BEGIN SELECT RAISE(ABORT, 'poisoned on purpose'); END"""));
        List<IntakeItem> doomed = List.of(
                item("ada", Assignment.Attempts.none()),
                item("poison", Assignment.Attempts.none()),
                item("bob", Assignment.Attempts.none()));
        List<Future<Submission>> failing = new ArrayList<>();
        Future<Submission> before;
        try (WriteLock lock = new WriteLock()) {
            before = submitAndAwaitItsBatch(item("before", Assignment.Attempts.none()));
            for (IntakeItem item : doomed) {
                failing.add(callers.submit(call(item)));
            }
            awaitTrue(() -> committer.waiting() == doomed.size(), "the doomed batch queues");
        }

        assertThat(row(before.get(30, TimeUnit.SECONDS).id())).isPresent();
        for (Future<Submission> f : failing) {
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(IntakeUnavailableException.class)
                    .hasMessageContaining("nothing was stored")
                    .rootCause()
                    .hasMessageContaining("poisoned on purpose");
        }
        assertThat(count("SELECT count(*) FROM submissions")).isEqualTo(1);
        for (IntakeItem item : doomed) {
            assertThat(count("SELECT count(*) FROM notebooks WHERE sha256 = '" + item.sha256() + "'"))
                    .as("the batch's notebook rows are rolled back too")
                    .isZero();
        }
        assertThat(committer.batches()).isEqualTo(1);
        assertThat(wakeUps.get()).isEqualTo(1);

        Submission after = committer.commit(item("after", Assignment.Attempts.none()));
        assertThat(row(after.id()))
                .as("the committer goes on after a failed batch")
                .isPresent();
    }

    @Test
    void closeCommitsWhatIsWaitingAndThenRefusesNewSubmissions() throws Exception {
        List<Future<Submission>> waiting = new ArrayList<>();
        Future<?> closing;
        try (WriteLock lock = new WriteLock()) {
            waiting.add(submitAndAwaitItsBatch(item("first", Assignment.Attempts.none())));
            for (int i = 0; i < 5; i++) {
                waiting.add(callers.submit(call(item("student" + i, Assignment.Attempts.none()))));
            }
            awaitTrue(() -> committer.waiting() == 5, "five submissions queue");
            closing = callers.submit(() -> committer.close(Duration.ofSeconds(20)));
            awaitTrue(committer::closing, "close() begins");
            IntakeItem late = item("late", Assignment.Attempts.none());
            assertThatThrownBy(() -> committer.commit(late))
                    .as("refused at once, while the batch before it still waits")
                    .isInstanceOf(IntakeUnavailableException.class)
                    .hasMessageContaining("shutting down");
            assertThat(closing).isNotDone();
        }

        closing.get(30, TimeUnit.SECONDS);
        for (Future<Submission> f : waiting) {
            assertThat(row(f.get(5, TimeUnit.SECONDS).id())).isPresent();
        }
        assertThat(count("SELECT count(*) FROM submissions")).isEqualTo(6);
    }

    @Test
    void closeThatRunsOutOfPatienceFailsTheWaitingCallersInsteadOfHanging() throws Exception {
        List<Future<Submission>> queued = new ArrayList<>();
        Future<Submission> stuck;
        try (WriteLock lock = new WriteLock()) {
            stuck = submitAndAwaitItsBatch(item("stuck", Assignment.Attempts.none()));
            for (int i = 0; i < 5; i++) {
                queued.add(callers.submit(call(item("student" + i, Assignment.Attempts.none()))));
            }
            awaitTrue(() -> committer.waiting() == 5, "five submissions queue");

            long started = System.nanoTime();
            committer.close(Duration.ofMillis(300));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            for (Future<Submission> f : queued) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(IntakeUnavailableException.class)
                        .hasMessageContaining("shutting down");
            }
            assertThat(stuck).as("its transaction still waits for the lock").isNotDone();
        }

        // The batch already in its transaction finishes once the disk lets it; it is never dropped.
        assertThat(row(stuck.get(30, TimeUnit.SECONDS).id())).isPresent();
        assertThat(count("SELECT count(*) FROM submissions")).isEqualTo(1);
    }

    /** Holds SQLite's write lock from a second connection until closed (rolled back). */
    private final class WriteLock implements AutoCloseable {
        private final Handle handle;

        WriteLock() {
            handle = Database.connect(tmp.resolve("gradebook.db")).open();
            handle.begin();
            handle.execute("UPDATE notebooks SET size_bytes = size_bytes WHERE 0");
        }

        @Override
        public void close() {
            handle.rollback();
            handle.close();
        }
    }

    /** Submits and waits until the committer has taken it into a batch (which the lock then holds). */
    private Future<Submission> submitAndAwaitItsBatch(IntakeItem item) {
        Future<Submission> f = callers.submit(call(item));
        awaitTrue(() -> committer.taken() == 1, "the committer takes the first submission");
        return f;
    }

    private Callable<Submission> call(IntakeItem item) {
        return () -> committer.commit(item);
    }

    private IntakeItem item(String user, Assignment.Attempts limits) {
        byte[] nb = Fixtures.notebook("c8", "s1", "lab01", "x = " + (notebooks++) + "  # " + user)
                .getBytes(StandardCharsets.UTF_8);
        String sha = files.store(nb);
        return new IntakeItem(user, LAB, sha, nb.length, "api", limits, files.directoryOf(sha));
    }

    private Optional<String> row(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT notebook_sha256 FROM submissions WHERE id = ?")
                .bind(0, id)
                .mapTo(String.class)
                .findOne());
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
