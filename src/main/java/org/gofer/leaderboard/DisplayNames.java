package org.gofer.leaderboard;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The display names students chose, in table {@code display_names}: at most one per student,
 * unique in {@link DisplayName#folded() folded} form. A name that is another user's hub name
 * (known to Gofer by a submission) is taken too, so that nobody appears on a leaderboard as
 * someone else. Each change is one transaction. Thread-safe.
 */
public final class DisplayNames {
    private final Jdbi jdbi;
    private final Clock clock;

    public DisplayNames(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The name {@code username} chose, if any. */
    public Optional<DisplayName> of(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT display_name FROM display_names WHERE username = :u")
                .bind("u", username)
                .mapTo(String.class)
                .findOne()
                .map(DisplayName::new));
    }

    /**
     * Sets (or replaces) the display name of {@code username}.
     *
     * @throws InvalidDisplayNameException when {@code raw} is not a valid name
     * @throws DisplayNameTakenException when someone else has it; nothing changes then
     */
    public DisplayName choose(String username, String raw) {
        DisplayName name = DisplayName.parse(raw);
        try {
            jdbi.useTransaction(h -> {
                if (takenByOthers(h, username, name)) {
                    throw new DisplayNameTakenException(name);
                }
                h.createUpdate("""
                                INSERT INTO display_names (username, display_name, folded, chosen_at)
                                VALUES (:u, :name, :folded, :now)
                                ON CONFLICT (username) DO UPDATE
                                   SET display_name = excluded.display_name, folded = excluded.folded,
                                       chosen_at = excluded.chosen_at""")
                        .bind("u", username)
                        .bind("name", name.text())
                        .bind("folded", name.folded())
                        .bind("now", clock.millis())
                        .execute();
            });
        } catch (UnableToExecuteStatementException e) {
            // The unique index is the last word should another process share the gradebook.
            if (e.getCause() instanceof SQLiteException s
                    && s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
                throw new DisplayNameTakenException(name);
            }
            throw e;
        }
        return name;
    }

    /** Removes the display name of {@code username}; true when there was one. */
    public boolean clear(String username) {
        return jdbi.inTransaction(h -> h.createUpdate("DELETE FROM display_names WHERE username = :u")
                        .bind("u", username)
                        .execute())
                > 0;
    }

    /**
     * A hub name matches as written or in lower case (JupyterHub's authenticators lower-case user
     * names), which keeps the check on the index of submissions by user.
     */
    private static boolean takenByOthers(Handle h, String username, DisplayName name) {
        return h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM display_names WHERE folded = :folded AND username <> :u)
                            OR EXISTS (SELECT 1 FROM submissions WHERE username IN (:name, :lower) AND username <> :u)""")
                .bind("folded", name.folded())
                .bind("name", name.text())
                .bind("lower", name.text().toLowerCase(Locale.ROOT))
                .bind("u", username)
                .mapTo(Boolean.class)
                .one();
    }
}
