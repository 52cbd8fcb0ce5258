package org.gofer.gradebook;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.Deadlines;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether intake takes a student's submission now: not before the assignment's {@code opens_at},
 * not after the cutoff (the student's extension's cutoff, else the late policy's
 * {@code cutoff_after} counted from the student's due date). Between them everything is taken;
 * lateness only costs points ({@link CountedGrades}). Thread-safe.
 */
public final class SubmissionWindow {
    private final Jdbi jdbi;
    private final AssignmentCatalog catalog;
    private final Clock clock;

    public SubmissionWindow(Jdbi jdbi, AssignmentCatalog catalog, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** @throws SubmissionWindowClosedException when the assignment is not open to {@code username} now */
    public void check(String username, AssignmentKey key) {
        Deadlines d = catalog.settings(key).deadlines();
        Instant now = clock.instant();
        if (d.opensAt().isPresent() && now.isBefore(d.opensAt().get())) {
            throw new SubmissionWindowClosedException(
                    key + " opens for submissions at " + d.opensAt().get() + "; nothing was stored");
        }
        Optional<Extension> ext = jdbi.withHandle(h -> Extension.find(h, username, key.toString()));
        Optional<Instant> due = ext.map(Extension::dueAt).or(d::dueAt);
        Optional<Instant> cutoff = d.cutoff(due, ext.flatMap(Extension::cutoff));
        if (cutoff.isPresent() && now.isAfter(cutoff.get())) {
            throw new SubmissionWindowClosedException(key + " closed for submissions at " + cutoff.get() + " (due "
                    + due.map(Instant::toString).orElse("-") + "); nothing was stored");
        }
    }
}
