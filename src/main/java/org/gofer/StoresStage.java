package org.gofer;

import java.time.Clock;
import java.util.List;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.config.AppConfig;
import org.gofer.db.Database;
import org.gofer.gradebook.Gradebook;
import org.gofer.grading.GradingArtifacts;
import org.gofer.lti.PassbackOutbox;
import org.gofer.metrics.GradingMetrics;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStore;
import org.jdbi.v3.core.Jdbi;

/**
 * The migrated gradebook database and everything that reads or writes it: assignments, submissions,
 * the queue, grades (told to the LTI outbox and the metrics), the grading artifacts on disk.
 */
record StoresStage(
        Jdbi jdbi,
        AssignmentCatalog catalog,
        SubmissionStore store,
        SubmissionQueue queue,
        Gradebook gradebook,
        GradingArtifacts artifacts,
        PassbackOutbox outbox,
        GradingMetrics gradingMetrics) {

    static StoresStage open(AppConfig config, Clock clock) {
        Jdbi jdbi = Database.open(config.database());
        AssignmentCatalog catalog = new AssignmentCatalog(config.testsDir());
        GradingMetrics gradingMetrics = new GradingMetrics();
        PassbackOutbox outbox = new PassbackOutbox(jdbi, catalog, clock);
        return new StoresStage(
                jdbi,
                catalog,
                new SubmissionStore(jdbi, config.dataDir(), clock),
                new SubmissionQueue(jdbi, clock),
                new Gradebook(jdbi, clock, catalog, List.of(outbox, gradingMetrics)),
                new GradingArtifacts(config.dataDir()),
                outbox,
                gradingMetrics);
    }

    /** Commits the submissions still waiting for intake's group commit, then stops it. */
    void close() {
        store.close();
    }
}
