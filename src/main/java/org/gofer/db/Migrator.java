package org.gofer.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies {@code db/migration/V<n>__<name>.sql} in order, recording the version in SQLite's
 * {@code PRAGMA user_version}. Each script runs in one transaction with the version bump, so a
 * crash leaves the database at a whole version. The list of scripts is {@code db/migration/index}
 * because a class path inside a jar cannot be listed.
 */
public final class Migrator {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");
    private final Jdbi jdbi;

    public Migrator(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Brings the database to the newest version; returns the number of scripts applied. */
    public int migrate() {
        int current = version();
        int applied = 0;
        for (Script script : scripts()) {
            if (script.version() <= current) {
                continue;
            }
            jdbi.useTransaction(h -> {
                for (String statement : splitStatements(script.sql())) {
                    h.execute(statement);
                }
                h.execute("PRAGMA user_version = " + script.version());
            });
            applied++;
        }
        return applied;
    }

    /** The version the database is at now (0 for a new file). */
    public int version() {
        return jdbi.withHandle(
                h -> h.createQuery("PRAGMA user_version").mapTo(Integer.class).one());
    }

    /** The newest version the scripts on the class path describe. */
    public static int latestVersion() {
        List<Script> all = scripts();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).version();
    }

    private static List<Script> scripts() {
        List<Script> out = new ArrayList<>();
        int expected = 1;
        for (String line : resource("db/migration/index").split("\n")) {
            String name = line.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches() || Integer.parseInt(m.group(1)) != expected) {
                throw new IllegalStateException("db/migration/index: expected V" + expected + "__*.sql, got " + name);
            }
            out.add(new Script(expected++, resource("db/migration/" + name)));
        }
        return out;
    }

    private static String resource(String path) {
        try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits on ';' at line ends; the scripts keep one statement per ';' and no triggers. */
    static List<String> splitStatements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private record Script(int version, String sql) {}
}
