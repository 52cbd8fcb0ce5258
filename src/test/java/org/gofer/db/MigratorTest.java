package org.gofer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
    @TempDir
    Path tmp;

    @Test
    void freshDatabaseIsBroughtToTheLatestVersion() {
        Jdbi jdbi = Database.connect(tmp.resolve("new.db"));
        Migrator migrator = new Migrator(jdbi);
        assertThat(migrator.version()).isZero();

        int applied = migrator.migrate();

        assertThat(Migrator.latestVersion()).isGreaterThanOrEqualTo(1);
        assertThat(applied).isEqualTo(Migrator.latestVersion());
        assertThat(migrator.version()).isEqualTo(Migrator.latestVersion());
        List<String> tables = jdbi.withHandle(h -> h.createQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .mapTo(String.class)
                .list());
        assertThat(tables).contains("notebooks", "submissions", "test_scores");
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        Path file = tmp.resolve("twice.db");
        Database.open(file);

        Migrator again = new Migrator(Database.connect(file));

        assertThat(again.migrate()).isZero();
        assertThat(again.version()).isEqualTo(Migrator.latestVersion());
    }

    @Test
    void createsMissingParentDirectories() {
        Path file = tmp.resolve("a/b/c/gradebook.db");

        Database.open(file);

        assertThat(file).isRegularFile();
    }

    @Test
    void connectionsUseWalForeignKeysAndABusyTimeout() {
        Jdbi jdbi = Database.open(tmp.resolve("pragmas.db"));

        jdbi.useHandle(h -> {
            assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one())
                    .isEqualToIgnoringCase("wal");
            assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one())
                    .isEqualTo(1);
            assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one())
                    .isPositive();
            assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one())
                    .isEqualTo(2); // FULL
        });
    }

    @Test
    void foreignKeysAreEnforced() {
        Jdbi jdbi = Database.open(tmp.resolve("fk.db"));

        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("""
                INSERT INTO submissions (username, assignment, notebook_sha256, submitted_at, status, not_before)
                VALUES ('alice', 'c/s/a', ?, 0, 'queued', 0)""", "0".repeat(64))))
                .hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void statusOutsideTheFlowIsRejectedByTheSchema() {
        Jdbi jdbi = Database.open(tmp.resolve("check.db"));
        String sha = "a".repeat(64);
        jdbi.useHandle(h -> h.execute("INSERT INTO notebooks (sha256, size_bytes, stored_at) VALUES (?, 1, 0)", sha));

        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("""
                INSERT INTO submissions (username, assignment, notebook_sha256, submitted_at, status, not_before)
                VALUES ('alice', 'c/s/a', ?, 0, 'lost', 0)""", sha))).hasMessageContaining("CHECK");
    }

    @Test
    void statementsSplitAtSemicolonsAtLineEndsSkippingComments() {
        assertThat(Migrator.splitStatements("""
                -- a comment; with a semicolon
                CREATE TABLE a (x INTEGER);
                CREATE TABLE b (
                    -- inside
                    y TEXT DEFAULT 'a;b'
                );
                SELECT 1"""))
                .containsExactly(
                        "CREATE TABLE a (x INTEGER);", "CREATE TABLE b (\n    y TEXT DEFAULT 'a;b'\n);", "SELECT 1");
    }
}
