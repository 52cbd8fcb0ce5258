package org.gofer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The pool under {@link Database}, on a real gradebook file. */
class ConnectionPoolTest {
    @TempDir
    Path tmp;

    @Test
    void aReusedConnectionKeepsEveryPragma() {
        Jdbi jdbi = Database.open(tmp.resolve("gradebook.db"));
        // A TEMP table lives in one connection only: seeing it again proves the connection was reused.
        jdbi.useHandle(h -> h.execute("CREATE TEMP TABLE marker (x)"));

        jdbi.useHandle(h -> {
            assertThat(h.createQuery("SELECT count(*) FROM temp.sqlite_master WHERE name = 'marker'")
                            .mapTo(Integer.class)
                            .one())
                    .as("the same connection again")
                    .isEqualTo(1);
            assertThat(pragma(h, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(h, "synchronous")).as("FULL").isEqualTo("2");
            assertThat(pragma(h, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(h, "busy_timeout")).isEqualTo("10000");
        });
    }

    @Test
    void aHandleOnAReusedConnectionStartsWithoutTheLastHandlesTransactionState() throws SQLException {
        Jdbi jdbi = Database.open(tmp.resolve("gradebook.db"));
        Handle first = jdbi.open();
        first.useTransaction(h -> h.execute("CREATE TABLE t1 (x)"));
        first.close();

        // `first` is still referenced, so Jdbi's per-handle transaction state for it is still kept.
        try (Handle second = jdbi.open()) {
            assertThat(second).isNotEqualTo(first);
            assertThat(second.isInTransaction()).isFalse();
            second.useTransaction(h -> {
                h.execute("CREATE TABLE t2 (x)");
                h.execute("INSERT INTO t2 VALUES (1)");
            });
            assertThat(second.getConnection().getAutoCommit()).isTrue();
        }
        int rows = jdbi.withHandle(h ->
                h.createQuery("SELECT count(*) FROM t2").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void aConnectionGivenBackInsideATransactionIsClosedNotReused() throws SQLException {
        SQLiteDataSource ds = new SQLiteDataSource(new SQLiteConfig());
        ds.setUrl("jdbc:sqlite:" + tmp.resolve("pool.db"));
        ConnectionPool pool = new ConnectionPool(ds, 2);
        Connection inTransaction = pool.openConnection();
        try (Statement s = inTransaction.createStatement()) {
            s.execute("CREATE TEMP TABLE marker (x)");
        }
        inTransaction.setAutoCommit(false);
        inTransaction.close();

        assertThat(inTransaction.isClosed()).isTrue();
        assertThatThrownBy(inTransaction::createStatement).hasMessageContaining("given back");
        Connection next = pool.openConnection();
        try (Statement s = next.createStatement()) {
            assertThat(s.executeQuery("SELECT count(*) FROM temp.sqlite_master WHERE name = 'marker'")
                            .getInt(1))
                    .as("a fresh connection, not the one left in a transaction")
                    .isZero();
        }
        next.close();
    }

    private static String pragma(Handle h, String name) {
        return h.createQuery("PRAGMA " + name).mapTo(String.class).one();
    }
}
