package org.gofer.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** A service's gradebook, opened read-only for each look, as the benchmarks poll it. */
final class BenchGradebook {
    private final Path file;

    BenchGradebook(Path file) {
        this.file = file;
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
    }

    /** The first column of the first row of {@code sql}, as a long. */
    long count(String sql) throws SQLException {
        try (Connection c = open();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.getLong(1);
        }
    }

    /**
     * Waits (bounded, every 100 ms) until no submission matching {@code where} (SQL, e.g. {@code 1}) is
     * queued or running; false on time-out.
     */
    boolean awaitDrained(String where, Duration limit) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (count("SELECT count(*) FROM submissions WHERE status IN ('queued', 'running') AND (" + where + ")")
                    == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Waits (bounded, every {@code pollMs}) until the submission is graded; throws when it failed or took too long. */
    void awaitGraded(long id, Duration limit, long pollMs) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = open();
                    ResultSet rs = c.createStatement()
                            .executeQuery("SELECT status, reason, last_error FROM submissions WHERE id = " + id)) {
                String status = rs.next() ? rs.getString(1) : "";
                if (status.equals("failed")) {
                    throw new IllegalStateException(
                            "submission " + id + " failed: " + rs.getString(2) + " / " + rs.getString(3));
                }
                if (status.equals("graded")) {
                    return;
                }
            }
            Thread.sleep(pollMs);
        }
        throw new IllegalStateException("submission " + id + " not graded within " + limit);
    }
}
