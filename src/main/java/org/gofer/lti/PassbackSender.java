package org.gofer.lti;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of the outbox: one background thread that delivers due rows one at a time, so
 * that rows for the same target are sent in the order they were written. Each attempt is signed
 * afresh by the row's {@link OutcomePublisher}, appended to the audit log, and either finishes the
 * row (delivered or failed) or schedules the next attempt by the {@link RetryPolicy}.
 *
 * <p>{@link #start()} and {@link #close()} belong to the composition root; {@link #runOnce()} is
 * the same work, synchronously (tests, an admin "send now"). Thread-safe: {@code runOnce} is
 * serialised.
 */
public final class PassbackSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PassbackSender.class);
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final Map<String, OutcomePublisher> publishers;
    private final RetryPolicy retry;
    private final Duration pollInterval;
    private final Clock clock;
    private final Object lock = new Object();
    private ScheduledExecutorService executor;

    /**
     * @param publishers one per protocol found in the outbox
     * @param pollInterval how often the outbox is checked for due rows
     */
    public PassbackSender(
            Jdbi jdbi, List<OutcomePublisher> publishers, RetryPolicy retry, Duration pollInterval, Clock clock) {
        this.jdbi = jdbi;
        this.publishers = publishers.stream()
                .collect(Collectors.toUnmodifiableMap(OutcomePublisher::protocol, Function.identity()));
        this.retry = retry;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /** Starts the background thread; idempotent. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gofer-lti-sender");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the thread, letting an attempt in flight finish (bounded by the publishers' timeouts). */
    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    /**
     * Attempts every row that is due now (at most one batch).
     *
     * @return the number of attempts made
     */
    public int runOnce() {
        synchronized (lock) {
            List<Passback> due = jdbi.withHandle(h -> PassbackDao.due(h, clock.instant(), BATCH));
            int attempts = 0;
            for (Passback p : due) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                attempt(p);
                attempts++;
            }
            return attempts;
        }
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.error("LTI passback sender: {}", e.toString());
        }
    }

    private void attempt(Passback p) {
        int attempt = p.attempts() + 1;
        OutcomePublisher publisher = publishers.get(p.target().protocol());
        PassbackResult r;
        if (publisher == null) {
            r = PassbackResult.permanentBeforeSending(
                    "no publisher for protocol " + p.target().protocol());
        } else {
            try {
                r = publisher.publish(p, attempt);
            } catch (RuntimeException e) {
                r = new PassbackResult(
                        PassbackResult.Outcome.RETRY, null, null, null, null, "unexpected error: " + e, 0);
            }
        }
        Instant now = clock.instant();
        PassbackStatus next;
        Instant nextAt = now;
        String error = null;
        switch (r.outcome()) {
            case DELIVERED -> next = PassbackStatus.DELIVERED;
            case PERMANENT -> {
                next = PassbackStatus.FAILED;
                error = r.description();
            }
            default -> {
                if (attempt >= retry.maxAttempts()) {
                    next = PassbackStatus.FAILED;
                    error = "gave up after " + attempt + " attempts; last: " + r.description();
                } else {
                    next = PassbackStatus.PENDING;
                    nextAt = now.plus(retry.delayAfter(attempt));
                    error = r.description();
                }
            }
        }
        PassbackResult result = r;
        PassbackStatus status = next;
        Instant at = nextAt;
        String err = error;
        jdbi.useTransaction(h -> {
            PassbackDao.recordAttempt(h, p.id(), attempt, now, result);
            PassbackDao.applyResult(h, p.id(), attempt, status, at, result, err, now);
        });
        if (status == PassbackStatus.FAILED) {
            LOG.warn("LTI passback {} for {} / {} failed for good: {}", p.id(), p.username(), p.assignment(), err);
        } else if (status == PassbackStatus.PENDING) {
            LOG.info("LTI passback {} attempt {} will be retried at {}: {}", p.id(), attempt, at, err);
        }
    }
}
