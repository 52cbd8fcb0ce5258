package org.gofer.submission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for intake: submissions whose notebooks are on disk wait here, and one committer
 * thread writes every submission waiting at that moment (at most {@link #MAX_BATCH}) in one
 * transaction, hence one SQLite fsync, after one fsync per touched notebook directory. Each
 * caller's {@link #commit} returns only after its row is committed. An item the attempt limits
 * refuse inside the transaction fails alone; a failed transaction fails every caller of its
 * batch and writes no row. Thread-safe; {@link #close} commits what is waiting, then stops.
 */
final class IntakeCommitter implements AutoCloseable {
    static final int MAX_BATCH = 256;
    /** How long a caller waits for its batch: far beyond SQLite's 10 s busy timeout, so only a wedged disk hits it. */
    private static final Duration CALLER_WAIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(IntakeCommitter.class);
    /** Put behind the last submission by {@link #close}: wakes the committer, which stops after it. */
    private static final Pending STOP = new Pending(null, new CompletableFuture<>());

    private final Jdbi jdbi;
    private final IntakeBatch writer;
    private final Runnable afterCommit;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();
    private final Object gate = new Object();
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param writer inserts one batch's rows inside the transaction this committer opens
     * @param afterCommit runs after each batch that committed at least one row (the workers' wake-up)
     */
    IntakeCommitter(Jdbi jdbi, IntakeBatch writer, Runnable afterCommit) {
        this.jdbi = jdbi;
        this.writer = writer;
        this.afterCommit = afterCommit;
    }

    /** One submission whose notebook is stored, and the caller waiting for its row. */
    private record Pending(IntakeItem item, CompletableFuture<Submission> done) {}

    /**
     * Queues the item for the next batch and waits until its transaction committed.
     *
     * @throws SubmissionRefusedException when the attempt limits refuse it inside the transaction
     * @throws IntakeUnavailableException when its batch failed, or the committer is closed
     */
    Submission commit(IntakeItem item) {
        Pending pending = new Pending(item, new CompletableFuture<>());
        synchronized (gate) {
            if (closed) {
                throw new IntakeUnavailableException("the service is shutting down; nothing was stored, submit again");
            }
            if (thread == null) {
                // Started on the first submission, so that stores which never accept start no thread.
                thread = new Thread(this::run, "gofer-intake-committer");
                thread.setDaemon(true);
                thread.start();
            }
            queue.add(pending);
        }
        return await(pending.done());
    }

    private static Submission await(CompletableFuture<Submission> done) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + CALLER_WAIT.toNanos();
        try {
            while (true) {
                try {
                    return done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    // The row may be committing: the caller's answer must say what happened to it.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IntakeUnavailableException("the submission was not stored", e.getCause());
                } catch (TimeoutException e) {
                    throw new IntakeUnavailableException(
                            "the gradebook did not confirm the submission within " + CALLER_WAIT.toSeconds()
                                    + " s; check the list of your submissions before submitting again",
                            e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            batch.clear();
            Pending first;
            try {
                // Bounded: after a shutdown that gave up waiting (and took STOP away) the thread still ends.
                first = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                failWaiting("the service is shutting down; nothing was stored, submit again");
                return;
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.removeIf(p -> p == STOP);
            taken.addAndGet(batch.size());
            if (!batch.isEmpty()) {
                commitBatch(batch);
            }
            if (stop) {
                // Nothing is queued behind STOP: close() added it last, under the gate.
                return;
            }
        }
    }

    /** Never throws: whatever happens, every caller of the batch gets an answer. */
    private void commitBatch(List<Pending> batch) {
        List<IntakeItem> items = batch.stream().map(Pending::item).toList();
        List<IntakeBatch.Outcome> outcomes;
        try {
            Set<Path> dirs = new LinkedHashSet<>();
            items.forEach(i -> dirs.add(i.directory()));
            NotebookFiles.syncDirectories(dirs);
            outcomes = jdbi.inTransaction(h -> writer.insert(h, items));
        } catch (Throwable e) {
            LOG.error("intake: a batch of {} submissions failed; none was stored", batch.size(), e);
            IntakeUnavailableException failure = new IntakeUnavailableException(
                    "the gradebook could not store the submission; nothing was stored, submit again", e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        // Counted before any caller is answered: a caller that reads the metrics after its 202 sees its batch.
        long rows = outcomes.stream().filter(o -> o.refused() == null).count();
        batches.incrementAndGet();
        committed.addAndGet(rows);
        for (int i = 0; i < batch.size(); i++) {
            IntakeBatch.Outcome outcome = outcomes.get(i);
            if (outcome.refused() != null) {
                batch.get(i).done().completeExceptionally(outcome.refused());
            } else {
                batch.get(i).done().complete(outcome.submission());
            }
        }
        if (rows > 0) {
            try {
                afterCommit.run();
            } catch (RuntimeException e) {
                LOG.warn("intake: the after-commit listener failed", e);
            }
        }
    }

    private void failWaiting(String message) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        IntakeUnavailableException failure = new IntakeUnavailableException(message);
        left.forEach(p -> p.done().completeExceptionally(failure));
    }

    /** Transactions committed (each one batch of one or more submissions). */
    long batches() {
        return batches.get();
    }

    /** Rows committed through this committer. */
    long committed() {
        return committed.get();
    }

    /** Submissions taken into a batch so far, committed or not (for tests). */
    long taken() {
        return taken.get();
    }

    /** True once {@link #close} began: new submissions are refused. */
    boolean closing() {
        return closed;
    }

    /** Callers waiting for a batch that has not been taken yet (for tests and metrics). */
    int waiting() {
        return (int) queue.stream().filter(p -> p != STOP).count();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Refuses new submissions, commits the ones already waiting, and stops; after {@code patience}
     * (a transaction stuck on the disk) it fails whoever still waits instead of hanging shutdown.
     */
    void close(Duration patience) {
        Thread committer;
        synchronized (gate) {
            if (closed) {
                return;
            }
            closed = true;
            committer = thread;
            queue.add(STOP);
        }
        if (committer == null) {
            return;
        }
        try {
            committer.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (committer.isAlive()) {
            LOG.warn("intake: the committer did not finish within {}; failing the submissions still waiting", patience);
            failWaiting("the service is shutting down; nothing was stored, submit again");
        }
    }
}
