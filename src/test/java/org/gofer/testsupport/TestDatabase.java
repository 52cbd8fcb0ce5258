package org.gofer.testsupport;

import java.nio.file.Path;
import org.gofer.db.Database;
import org.jdbi.v3.core.Jdbi;

/** A fresh gradebook file per test, migrated by the same scripts the service runs. */
public final class TestDatabase {
    private TestDatabase() {}

    /** Opens and migrates {@code gradebook.db} inside the test's temporary directory. */
    public static Jdbi in(Path tempDir) {
        return Database.open(tempDir.resolve("gradebook.db"));
    }
}
