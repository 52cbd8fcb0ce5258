package org.gofer.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.otter.SafeZipReader;
import org.gofer.assignment.otter.UnsafeArchiveException;
import org.gofer.assignment.otter.Zips;
import org.gofer.config.AppConfig;
import org.gofer.environment.EnvironmentResolver;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads against a real, migrated SQLite file and a real tests directory; limits small enough to reach. */
class DraftUploadsTest {
    private static final AssignmentKey KEY = AssignmentKey.of("c", "s", "hw");

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private DraftValidator validator;
    private DraftUploads uploads;
    private Publications publications;
    private ValidationRuns runs;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.in(dir);
        AssignmentCatalog catalog = new AssignmentCatalog(dir.resolve("tests"));
        runs = new ValidationRuns(jdbi, Clock.systemUTC());
        publications = new Publications(jdbi, Clock.systemUTC(), runs);
        SandboxRunner sandbox = new SandboxRunner() {
            @Override
            public SandboxOutcome run(SandboxJob job) {
                return new SandboxOutcome(
                        SandboxOutcome.Kind.COMPLETED,
                        Optional.of(Fixtures.text("results/full-marks.json")),
                        Optional.of(0),
                        "",
                        Duration.ZERO,
                        "");
            }

            @Override
            public boolean healthy() {
                return true;
            }
        };
        AppConfig.Sandbox defaults =
                new AppConfig.Sandbox("gofer-grader:test", "test", 512, 1, 64, Duration.ofSeconds(60), 64);
        validator = new DraftValidator(jdbi, catalog, runs, sandbox, defaults, EnvironmentResolver.unavailable());
        uploads = new DraftUploads(
                jdbi, catalog, publications, runs, validator, new SafeZipReader(10, 1024 * 1024), dir.resolve("data"));
    }

    @AfterEach
    void tearDown() {
        validator.close();
    }

    private DraftUpload upload(byte[] zip) {
        return new DraftUpload(KEY, zip, Optional.empty(), Optional.empty(), false, "prof");
    }

    @Test
    void tooManyEntriesWritesNothing() throws Exception {
        Zips zips = Zips.create().file("tests/q1.py", "x");
        for (int i = 0; i < 10; i++) {
            zips.file("data/f" + i, "x");
        }

        assertThatThrownBy(() -> uploads.upload(upload(zips.bytes())))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("11 entries");
        assertNothingWritten();
    }

    @Test
    void anArchiveOverTheSizeLimitWritesNothing() throws Exception {
        byte[] random = new byte[2 * 1024 * 1024];
        new java.util.Random(7).nextBytes(random);

        assertThatThrownBy(() -> uploads.upload(upload(Zips.create()
                        .file("tests/q1.py", "x")
                        .file("big.bin", random)
                        .bytes())))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("more than 1048576 bytes");
        assertNothingWritten();
    }

    @Test
    void aDraftWithoutSolutionsCanOnlyBePublishedAnyway() throws Exception {
        DraftUpload.Result r = uploads.upload(upload(
                Zips.create().file("tests/q1.py", Fixtures.okTest("q1", 1)).bytes()));

        assertThat(r.solutions()).isEmpty();
        assertThat(runs.find(r.validation()).orElseThrow().verdict()).isEqualTo(ValidationRun.Verdict.NO_SOLUTIONS);
        assertThat(publications.visibleToStudents(KEY)).isFalse();
        assertThatThrownBy(() -> publications.publish(KEY, "prof", false))
                .isInstanceOf(PublicationConflictException.class)
                .hasMessageContaining("no graded solution notebook");
        assertThat(publications.state(KEY).published()).isFalse();

        PublicationState state = publications.publish(KEY, "prof", true);

        assertThat(state.published()).isTrue();
        assertThat(state.forced()).isTrue();
        assertThat(state.changedBy()).hasValue("prof");
        assertThat(publications.log(KEY, 10))
                .extracting(PublicationLogEntry::action)
                .containsExactly("publish_anyway", "upload");
    }

    @Test
    void anAssignmentOnDiskWithoutARowIsPublished() {
        Fixtures.write(dir.resolve("tests"), "c/s/old/tests/q1.py", Fixtures.okTest("q1", 1));
        AssignmentKey old = AssignmentKey.of("c", "s", "old");

        assertThat(publications.visibleToStudents(old)).isTrue();
        assertThat(publications.state(old).changedBy()).isEmpty();

        publications.unpublish(old, "prof");
        assertThat(publications.visibleToStudents(old)).isFalse();
        assertThat(publications.hiddenFromStudents()).containsExactly("c/s/old");
    }

    private void assertNothingWritten() throws Exception {
        assertThat(dir.resolve("tests/c")).doesNotExist();
        if (Files.exists(dir.resolve("data/uploads"))) {
            try (Stream<Path> s = Files.list(dir.resolve("data/uploads"))) {
                assertThat(s).isEmpty();
            }
        }
        int rows = jdbi.withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM assignment_publication)"
                        + " + (SELECT count(*) FROM publication_log) + (SELECT count(*) FROM validation_runs)")
                .mapTo(Integer.class)
                .one());
        assertThat(rows).isZero();
    }
}
