package org.gofer.db;

import java.lang.ref.Cleaner;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Keeps up to {@code maxIdle} SQLite connections open between handles. Opening one costs far
 * more than a query (measured here: 2–5 ms against 0.02–0.06 ms for {@code SELECT 1}), because
 * sqlite-jdbc opens the file and runs every pragma again. A connection goes back only when it is
 * open and in auto-commit (no transaction left behind); pragmas are per connection and set once
 * when it is made, so a reused one has them all.
 *
 * <p>Each checkout is a new {@link Proxy} whose {@code close()} gives the connection back: Jdbi
 * keeps each handle's transaction state in a map keyed by handle, and two handles are equal when
 * their connections are, so handing the same object out twice gave a new handle the previous one's
 * transaction state. Thread-safe; each connection is used by one handle at a time.
 */
final class ConnectionPool implements ConnectionFactory {
    private static final Cleaner CLEANER = Cleaner.create();

    private final DataSource source;
    private final int maxIdle;
    private final Idle idle = new Idle();

    ConnectionPool(DataSource source, int maxIdle) {
        this.source = source;
        this.maxIdle = maxIdle;
    }

    /**
     * Closes the idle connections once {@code owner} (the Jdbi using this pool) is unreachable, so
     * that short-lived instances (one per test) do not hold files open.
     */
    void closeIdleWhenUnreachable(Object owner) {
        CLEANER.register(owner, idle);
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection real;
        while ((real = idle.connections.pollFirst()) != null) {
            idle.count.decrementAndGet();
            if (!real.isClosed()) {
                return checkout(real);
            }
        }
        return checkout(source.getConnection());
    }

    private Connection checkout(Connection real) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Checkout(real));
    }

    private void giveBack(Connection real) throws SQLException {
        if (real.isClosed()) {
            return;
        }
        boolean reusable = real.getAutoCommit();
        if (reusable && idle.count.incrementAndGet() <= maxIdle) {
            idle.connections.offerFirst(real);
            return;
        }
        if (reusable) {
            idle.count.decrementAndGet(); // the pool was full
        }
        real.close();
    }

    /** One handle's use of a pooled connection: everything goes to it until close() gives it back. */
    private final class Checkout implements InvocationHandler {
        private final Connection real;
        private boolean closed;

        Checkout(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!closed) {
                        closed = true;
                        giveBack(real);
                    }
                    return null;
                case "isClosed":
                    return closed || real.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "pooled " + real;
                default:
                    if (closed) {
                        throw new SQLException("connection already given back to the pool");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }

    /** The idle connections, apart from the pool so that closing them does not keep the pool reachable. */
    private static final class Idle implements Runnable {
        final ConcurrentLinkedDeque<Connection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void run() {
            Connection c;
            while ((c = connections.pollFirst()) != null) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // closing on the way out; nothing to tell anyone
                }
            }
        }
    }
}
