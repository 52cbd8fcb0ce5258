package org.gofer.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gofer.submission.GradingJob;
import org.gofer.submission.SubmissionQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grading threads. Each claims a job with a lease, grades it, and claims the next; a
 * scheduler renews the leases of running jobs so a long grading is not taken over, while a
 * crashed service's leases simply run out. {@link #wake} lets intake start a grading without
 * waiting for the next poll.
 */
public final class GradingWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GradingWorkers.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final long IDLE_POLL_MS = 250;

    private final SubmissionQueue queue;
    private final GradingPipeline pipeline;
    private final String instanceId;
    private final int count;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Long, GradingJob> running = new ConcurrentHashMap<>();
    /** The renewer's thread, once started: close() waits for it to end, not only for its tasks. */
    private final List<Thread> renewerThreads = new CopyOnWriteArrayList<>();

    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gofer-lease-renewer");
        t.setDaemon(true);
        renewerThreads.add(t);
        return t;
    });
    private final Object signal = new Object();
    private volatile boolean stopping;

    public GradingWorkers(SubmissionQueue queue, GradingPipeline pipeline, String instanceId, int count) {
        this.queue = queue;
        this.pipeline = pipeline;
        this.instanceId = instanceId;
        this.count = count;
    }

    /** Owner ids of this process's workers start with this; see {@link SubmissionQueue#recoverAbandoned}. */
    public String ownerPrefix() {
        return instanceId + "/";
    }

    public void start() {
        int recovered = queue.recoverAbandoned(ownerPrefix());
        if (recovered > 0) {
            LOG.info("{} submission(s) were being graded when the service stopped; queued again", recovered);
        }
        long every = LEASE.toMillis() / 3;
        renewer.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        for (int i = 0; i < count; i++) {
            String owner = ownerPrefix() + "worker-" + i;
            Thread t = new Thread(() -> loop(owner), "gofer-grader-" + i);
            threads.add(t);
            t.start();
        }
        LOG.info("{} grading worker(s) started", count);
    }

    /** Wakes idle workers: a submission was just queued. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    public int runningCount() {
        return running.size();
    }

    private void loop(String owner) {
        while (!stopping) {
            Optional<GradingJob> job;
            try {
                job = queue.claim(owner, LEASE);
            } catch (RuntimeException e) {
                LOG.warn("could not claim a job: {}", e.getMessage());
                idle(2000);
                continue;
            }
            if (job.isEmpty()) {
                idle(IDLE_POLL_MS);
                continue;
            }
            long id = job.get().submission().id();
            running.put(id, job.get());
            try {
                pipeline.grade(job.get());
            } catch (RuntimeException e) {
                // The job keeps its lease until it runs out, then it is graded again: nothing is lost.
                LOG.error("submission {}: grading crashed; it will be retried", id, e);
            } finally {
                running.remove(id);
            }
        }
    }

    private void idle(long millis) {
        synchronized (signal) {
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    private void renewLeases() {
        for (GradingJob job : running.values()) {
            try {
                if (!queue.renew(job, LEASE)) {
                    LOG.warn("submission {}: lease lost", job.submission().id());
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "could not renew lease of submission {}: {}",
                        job.submission().id(),
                        e.getMessage());
            }
        }
    }

    /** Stops claiming; running gradings finish (bounded by their container timeout). */
    @Override
    public void close() {
        stopping = true;
        wake();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofMinutes(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        renewer.shutdownNow();
        // wait for a renewal in flight, so that nothing touches the database after close() returns
        try {
            if (!renewer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the lease renewer did not stop within 5 s");
            }
            // The executor counts as terminated a moment before its thread has returned.
            for (Thread t : renewerThreads) {
                t.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
