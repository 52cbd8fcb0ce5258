package org.gofer.gradebook;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The per-assignment "release hidden results" switch: until it is on, students see hidden tests
 * only as a count. Stored in {@code assignment_releases}. Thread-safe.
 */
public final class ReleaseFlags {
    private final Jdbi jdbi;
    private final Clock clock;

    public ReleaseFlags(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public boolean released(String assignment) {
        return releasedAmong(List.of(assignment)).contains(assignment);
    }

    /** Which of the given assignments have their hidden results released. */
    public Set<String> releasedAmong(Collection<String> assignments) {
        if (assignments.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbi.withHandle(h -> h.createQuery("""
                        SELECT assignment FROM assignment_releases
                         WHERE hidden_released = 1 AND assignment IN (<assignments>)""")
                .bindList("assignments", List.copyOf(assignments))
                .mapTo(String.class)
                .list()));
    }

    public void set(String assignment, boolean released, String byUser) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO assignment_releases (assignment, hidden_released, changed_at, changed_by)
                        VALUES (:a, :r, :now, :by)
                        ON CONFLICT (assignment) DO UPDATE
                           SET hidden_released = excluded.hidden_released, changed_at = excluded.changed_at,
                               changed_by = excluded.changed_by""")
                .bind("a", assignment)
                .bind("r", released ? 1 : 0)
                .bind("now", clock.millis())
                .bind("by", byUser)
                .execute());
    }
}
