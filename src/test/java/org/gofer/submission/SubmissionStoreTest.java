package org.gofer.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gofer.assignment.AssignmentKey;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.MutableClock;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionStoreTest {
    private static final AssignmentKey LAB1 = AssignmentKey.of("data8x", "fa24", "lab01");
    private static final AssignmentKey LAB2 = AssignmentKey.of("data8x", "fa24", "lab02");
    private static final byte[] NOTEBOOK =
            Fixtures.notebook("data8x", "fa24", "lab01", "x = 1").getBytes(StandardCharsets.UTF_8);
    // the digest itself is pinned by sha256IsTheStandardDigest
    private static final String NOTEBOOK_SHA = NotebookFiles.sha256(NOTEBOOK);

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private Jdbi jdbi;
    private SubmissionStore store;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.in(tmp);
        store = new SubmissionStore(jdbi, tmp.resolve("data"), clock);
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private List<Path> storedFiles() throws Exception {
        try (Stream<Path> s = Files.walk(tmp.resolve("data/notebooks"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void sha256IsTheStandardDigest() {
        assertThat(NotebookFiles.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void acceptStoresTheNotebookUnderItsHashAndQueuesARow() throws Exception {
        Submission s = store.accept("alice", LAB1, NOTEBOOK, "api");

        assertThat(s.id()).isPositive();
        assertThat(s.username()).isEqualTo("alice");
        assertThat(s.assignment()).isEqualTo("data8x/fa24/lab01");
        assertThat(s.notebookSha256()).isEqualTo(NOTEBOOK_SHA);
        assertThat(s.source()).isEqualTo("api");
        assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
        assertThat(s.submittedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(s.attempts()).isZero();
        assertThat(s.score()).isEmpty();
        assertThat(s.finishedAt()).isEmpty();
        assertThat(s.suspicious()).isFalse();

        Path file = tmp.resolve("data/notebooks")
                .resolve(NOTEBOOK_SHA.substring(0, 2))
                .resolve(NOTEBOOK_SHA + ".ipynb");
        assertThat(store.notebookPath(NOTEBOOK_SHA)).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(NOTEBOOK);
        assertThat(store.notebook(NOTEBOOK_SHA)).isEqualTo(NOTEBOOK);
        assertThat(storedFiles()).containsExactly(file);
    }

    @Test
    void identicalSubmissionsShareOneFileButGetTwoRows() throws Exception {
        Submission first = store.accept("alice", LAB1, NOTEBOOK, "api");
        clock.advance(Duration.ofSeconds(5));
        Submission second = store.accept("alice", LAB1, NOTEBOOK.clone(), "api");

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.notebookSha256()).isEqualTo(first.notebookSha256());
        assertThat(storedFiles()).hasSize(1);
        assertThat(count("SELECT count(*) FROM notebooks")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM submissions")).isEqualTo(2);
    }

    @Test
    void anExistingNotebookFileIsNeverRewritten() throws Exception {
        store.accept("alice", LAB1, NOTEBOOK, "api");
        Path file = store.notebookPath(NOTEBOOK_SHA);
        Instant written = Files.getLastModifiedTime(file).toInstant();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        store.accept("bob", LAB1, NOTEBOOK, "api");

        assertThat(Files.getLastModifiedTime(file).toInstant())
                .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"))
                .isNotEqualTo(written);
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws Exception {
        store.accept("alice", LAB1, NOTEBOOK, "api");
        store.accept("alice", LAB1, "{}".getBytes(StandardCharsets.UTF_8), "api");

        assertThat(storedFiles())
                .extracting(p -> p.getFileName().toString())
                .allMatch(n -> n.matches("[0-9a-f]{64}\\.ipynb"));
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        assertThat(store.find(42)).isEmpty();
    }

    @Test
    void aNotebookThatIsNotAHashIsNeverAPath() {
        assertThatThrownBy(() -> store.notebookPath("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.notebook("ABCDEF" + "0".repeat(58)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listIsNewestFirstWithFiltersAndPaging() {
        long a1 = store.accept("alice", LAB1, NOTEBOOK, "api").id();
        long b1 = store.accept("bob", LAB1, NOTEBOOK, "api").id();
        long a2 = store.accept("alice", LAB2, NOTEBOOK, "upload").id();
        long a3 = store.accept("alice", LAB1, NOTEBOOK, "api").id();

        assertThat(ids(store.list(Optional.empty(), Optional.empty(), 10, Long.MAX_VALUE)))
                .containsExactly(a3, a2, b1, a1);
        assertThat(ids(store.list(Optional.of("alice"), Optional.empty(), 10, Long.MAX_VALUE)))
                .containsExactly(a3, a2, a1);
        assertThat(ids(store.list(Optional.empty(), Optional.of("data8x/fa24/lab01"), 10, Long.MAX_VALUE)))
                .containsExactly(a3, b1, a1);
        assertThat(ids(store.list(Optional.of("alice"), Optional.of("data8x/fa24/lab01"), 10, Long.MAX_VALUE)))
                .containsExactly(a3, a1);
        assertThat(ids(store.list(Optional.of("carol"), Optional.empty(), 10, Long.MAX_VALUE)))
                .isEmpty();

        List<Submission> page1 = store.list(Optional.empty(), Optional.empty(), 2, Long.MAX_VALUE);
        List<Submission> page2 =
                store.list(Optional.empty(), Optional.empty(), 2, page1.get(1).id());
        List<Submission> page3 =
                store.list(Optional.empty(), Optional.empty(), 2, page2.get(1).id());
        assertThat(ids(page1)).containsExactly(a3, a2);
        assertThat(ids(page2)).containsExactly(b1, a1);
        assertThat(page3).isEmpty();
    }

    @Test
    void listLimitIsClampedToAtLeastOne() {
        store.accept("alice", LAB1, NOTEBOOK, "api");
        store.accept("alice", LAB1, NOTEBOOK, "api");

        assertThat(store.list(Optional.empty(), Optional.empty(), 0, Long.MAX_VALUE))
                .hasSize(1);
        assertThat(store.list(Optional.empty(), Optional.empty(), -5, Long.MAX_VALUE))
                .hasSize(1);
    }

    @Test
    void statsCountEachStateAndTheOldestQueued() {
        assertThat(store.stats()).isEqualTo(new QueueStats(0, 0, 0, 0, Optional.empty()));

        store.accept("alice", LAB1, NOTEBOOK, "api");
        clock.advance(Duration.ofMinutes(1));
        store.accept("bob", LAB1, NOTEBOOK, "api");
        clock.advance(Duration.ofMinutes(1));
        store.accept("carol", LAB1, NOTEBOOK, "api");
        SubmissionQueue queue = new SubmissionQueue(jdbi, clock);
        queue.claim("w1", Duration.ofMinutes(1)).orElseThrow();

        assertThat(store.stats())
                .isEqualTo(new QueueStats(2, 1, 0, 0, Optional.of(Instant.parse("2026-03-01T10:01:00Z"))));
    }

    private static List<Long> ids(List<Submission> list) {
        return list.stream().map(Submission::id).toList();
    }
}
