package org.gofer.lti;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.db.Database;
import org.gofer.gradebook.RecordedGrade;
import org.gofer.testsupport.MutableClock;
import org.jdbi.v3.core.Jdbi;

/** A real, freshly migrated SQLite gradebook, an assignment directory and a clock tests can move. */
final class LtiFixture {
    static final String ASSIGNMENT = "data8x/fall/lab01";
    static final String KEY = "edx";
    static final String SECRET = "edx-secret";

    final Jdbi jdbi;
    final Path testsDir;
    final MutableClock clock = new MutableClock(Instant.now());
    final AssignmentCatalog catalog;
    final PassbackOutbox outbox;
    private long nextFinish = 1;

    LtiFixture(Path dir, String assignmentJson) throws Exception {
        jdbi = Database.open(dir.resolve("gradebook.db"));
        testsDir = dir.resolve("notebooks-tests");
        Path a = testsDir.resolve(ASSIGNMENT);
        Files.createDirectories(a.resolve("tests"));
        Files.writeString(a.resolve("tests/q1.py"), "test = {'name': 'q1', 'points': 1, 'suites': []}\n");
        Files.writeString(a.resolve("assignment.json"), assignmentJson);
        catalog = new AssignmentCatalog(testsDir);
        outbox = new PassbackOutbox(jdbi, catalog, clock);
        jdbi.useHandle(h ->
                h.execute("INSERT INTO notebooks (sha256, size_bytes, stored_at) VALUES (?, 1, 0)", "a".repeat(64)));
    }

    /** What the gradebook does: record a grade and tell the listener in the same transaction. */
    long recordGrade(String user, double score, double max) {
        return recordGrade(user, ASSIGNMENT, score, max, "graded");
    }

    long recordGrade(String user, String assignment, double score, double max, String status) {
        long finished = clock.instant().toEpochMilli() + nextFinish++;
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("""
                            INSERT INTO submissions (username, assignment, notebook_sha256, submitted_at, status,
                                                     not_before, finished_at, score, max_score)
                            VALUES (:u, :a, :sha, :t, :status, :t, :t, :score, :max)
                            """)
                    .bind("u", user)
                    .bind("a", assignment)
                    .bind("sha", "a".repeat(64))
                    .bind("t", finished)
                    .bind("status", status)
                    .bind("score", score)
                    .bind("max", max)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            outbox.onGradeRecorded(
                    h, new RecordedGrade(id, user, assignment, score, max, status, Instant.ofEpochMilli(finished)));
            return id;
        });
    }

    void bind(String user, String outcomeUrl, String sourcedid) {
        jdbi.useHandle(h -> LtiBindingDao.upsert(
                h,
                new LtiBinding(
                        0,
                        KEY,
                        "block-v1:X+Y+Z+type@lti+block@1",
                        user + "-lms",
                        user,
                        ASSIGNMENT,
                        outcomeUrl,
                        sourcedid,
                        "Learner",
                        clock.instant(),
                        clock.instant(),
                        1),
                clock.instant()));
    }

    PassbackSender sender(String secret, Duration requestTimeout) {
        // the publisher signs with the real clock: the peer checks timestamps against its own
        Lti11OutcomePublisher publisher = new Lti11OutcomePublisher(
                Map.of(KEY, secret), Duration.ofSeconds(2), requestTimeout, Clock.systemUTC());
        return new PassbackSender(
                jdbi,
                List.of(publisher),
                new RetryPolicy(Duration.ofMinutes(1), 2, Duration.ofMinutes(10), 5),
                Duration.ofMillis(100),
                clock);
    }

    List<Passback> rows() {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT id FROM lti_passbacks ORDER BY id").mapTo(Long.class).list().stream()
                        .map(id -> PassbackDao.find(h, id).orElseThrow())
                        .toList());
    }

    List<PassbackAttempt> attempts(long id) {
        return jdbi.withHandle(h -> PassbackDao.attempts(h, id));
    }
}
