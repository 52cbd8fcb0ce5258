package org.gofer.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the SQLite gradebook with the pragmas Gofer relies on: WAL (readers never block the
 * writer, a crash mid-write loses at most the unfinished transaction), a busy timeout (several
 * workers write), foreign keys on, {@code synchronous=FULL} so that a committed submission
 * survives power loss before its 202 goes out, and transactions that begin IMMEDIATE so that
 * read-then-write transactions queue behind each other instead of failing. Connections are
 * reused ({@link ConnectionPool}): opening one costs a hundred queries.
 */
public final class Database {
    /** Connections kept open between handles: request threads, workers and the intake committer reuse them. */
    static final int IDLE_CONNECTIONS = 8;

    private Database() {}

    /** Opens (creating if needed) and migrates the database at {@code file}. */
    public static Jdbi open(Path file) {
        Jdbi jdbi = connect(file);
        new Migrator(jdbi).migrate();
        return jdbi;
    }

    /** Opens without migrating; {@link Migrator} decides what to do. */
    public static Jdbi connect(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        // A deferred transaction that reads and then writes (claiming a job) fails at once with
        // SQLITE_BUSY when another connection wrote in between; the busy timeout cannot help it.
        // BEGIN IMMEDIATE takes the write lock up front, so concurrent writers wait their turn.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        ConnectionPool pool = new ConnectionPool(ds, IDLE_CONNECTIONS);
        Jdbi jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
        pool.closeIdleWhenUnreachable(jdbi);
        jdbi.setTransactionHandler(new SerializedTransactionHandler(jdbi.getTransactionHandler()));
        return jdbi;
    }
}
