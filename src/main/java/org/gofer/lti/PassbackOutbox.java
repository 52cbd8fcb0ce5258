package org.gofer.lti;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.gradebook.GradeListener;
import org.gofer.gradebook.GradingRule;
import org.gofer.gradebook.RecordedGrade;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of the passback outbox. As a {@link GradeListener} it runs inside the
 * transaction that records a grade and writes one row per target of that student (every LTI
 * launch binding that takes grades, plus the assignment's {@code assignment.json} passback), so a
 * grade and its passback commit together or not at all. The score is the grade the gradebook
 * counts ({@code CountedGrades}, so the LMS gets what the CSV and the pages show), formatted by
 * {@link PassbackScore}; a score that cannot be sent becomes a failed row with the reason, never
 * a request. Thread-safe (stateless apart from its collaborators).
 */
public final class PassbackOutbox implements GradeListener {
    private static final Logger LOG = LoggerFactory.getLogger(PassbackOutbox.class);

    private final Jdbi jdbi;
    private final AssignmentCatalog catalog;
    private final Clock clock;

    public PassbackOutbox(Jdbi jdbi, AssignmentCatalog catalog, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public void onGradeRecorded(Handle handle, RecordedGrade grade) {
        Optional<Assignment.Settings> settings = settings(grade.assignment());
        Map<PassbackTarget, String> targets = new LinkedHashMap<>();
        for (LtiBinding b : LtiBindingDao.forStudent(handle, grade.username(), grade.assignment())) {
            if (b.acceptsGrades()) {
                targets.putIfAbsent(
                        new PassbackTarget(
                                Lti11OutcomePublisher.PROTOCOL, b.consumerKey(), b.outcomeUrl(), b.sourcedid()),
                        "launch");
            }
        }
        String configError = null;
        try {
            Optional<AssignmentPassback> fromAssignment = settings.flatMap(s -> AssignmentPassback.from(s.lti()));
            fromAssignment.ifPresent(p -> targets.putIfAbsent(p.targetFor(grade.username()), "assignment"));
        } catch (LtiException e) {
            configError = e.getMessage();
        }
        Instant now = clock.instant();
        if (configError != null) {
            // the instructor meant to pass back but the block is broken: make it visible
            PassbackDao.insert(
                    handle,
                    new PassbackTarget(Lti11OutcomePublisher.PROTOCOL, "", "", grade.username()),
                    grade.username(),
                    grade.assignment(),
                    grade.submissionId(),
                    "assignment",
                    null,
                    PassbackStatus.FAILED,
                    configError,
                    now);
        }
        if (targets.isEmpty()) {
            return;
        }
        GradingRule rule = settings.map(GradingRule::of).orElse(GradingRule.plain());
        double fraction = StudentScore.fraction(handle, grade.username(), grade.assignment(), rule);
        targets.forEach((target, origin) -> enqueue(
                handle, target, grade.username(), grade.assignment(), grade.submissionId(), origin, fraction, now));
    }

    /**
     * Queues the student's current score again for the target of row {@code passbackId}, recomputed
     * from the gradebook now (an instructor's "resend").
     *
     * @return the new row's id
     * @throws LtiException when there is no such row
     */
    public long resend(long passbackId) {
        return jdbi.inTransaction(h -> {
            Passback old = PassbackDao.find(h, passbackId)
                    .orElseThrow(() -> new LtiException("no passback with id " + passbackId));
            if (old.target().endpointUrl().isEmpty()) {
                throw new LtiException("passback " + passbackId + " has no target to resend to: " + old.lastError());
            }
            GradingRule rule = settings(old.assignment()).map(GradingRule::of).orElse(GradingRule.plain());
            double fraction = StudentScore.fraction(h, old.username(), old.assignment(), rule);
            return enqueue(
                    h,
                    old.target(),
                    old.username(),
                    old.assignment(),
                    old.submissionId(),
                    "resend",
                    fraction,
                    clock.instant());
        });
    }

    /** The newest row of every target, filtered (null = any); for instructors. */
    public List<Passback> status(String assignment, String username, PassbackStatus status, int limit) {
        return jdbi.withHandle(h ->
                PassbackDao.latestPerTarget(h, assignment, username, status == null ? null : status.dbValue(), limit));
    }

    /** One row and its audit log. */
    public Optional<PassbackHistory> history(long passbackId) {
        return jdbi.withHandle(h ->
                PassbackDao.find(h, passbackId).map(p -> new PassbackHistory(p, PassbackDao.attempts(h, passbackId))));
    }

    /** Launch bindings, filtered (null = any), newest first; for instructors. */
    public List<LtiBinding> bindings(String assignment, String username, int limit) {
        return jdbi.withHandle(h -> new ArrayList<>(LtiBindingDao.find(h, assignment, username, limit)));
    }

    private long enqueue(
            Handle h,
            PassbackTarget target,
            String username,
            String assignment,
            Long submissionId,
            String origin,
            double fraction,
            Instant now) {
        try {
            String score = PassbackScore.format(fraction);
            return PassbackDao.insert(
                    h, target, username, assignment, submissionId, origin, score, PassbackStatus.PENDING, null, now);
        } catch (PassbackScore.InvalidScoreException e) {
            return PassbackDao.insert(
                    h,
                    target,
                    username,
                    assignment,
                    submissionId,
                    origin,
                    null,
                    PassbackStatus.FAILED,
                    e.getMessage(),
                    now);
        }
    }

    private Optional<Assignment.Settings> settings(String assignment) {
        try {
            return Optional.of(catalog.load(AssignmentKey.parse(assignment)).settings());
        } catch (RuntimeException e) {
            // never let a broken or deleted assignment directory roll back the grade itself
            LOG.warn(
                    "LTI passback for {}: cannot read the assignment's settings ({}); using policy best",
                    assignment,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** A row with its audit log. */
    public record PassbackHistory(Passback passback, List<PassbackAttempt> attempts) {}
}
