package org.gofer.db;

import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Lets one transaction of this process at a time into SQLite, in arrival order. SQLite admits one
 * writer anyway; without this, concurrent writers (intake, workers) meet in SQLite's busy handler,
 * which sleeps in growing steps up to 100 ms and turned a burst of submissions into seconds of
 * latency. A fair lock hands the database over without sleeping. Thread-safe; reentrant.
 */
final class SerializedTransactionHandler extends DelegatingTransactionHandler {
    private final ReentrantLock lock = new ReentrantLock(true);

    SerializedTransactionHandler(TransactionHandler delegate) {
        super(delegate);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, callback);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(
            Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, level, callback);
        } finally {
            lock.unlock();
        }
    }
}
