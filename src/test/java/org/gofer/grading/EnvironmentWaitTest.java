package org.gofer.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.testsupport.Fixtures.okTest;
import static org.gofer.testsupport.Fixtures.write;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.environment.EnvironmentResolver;
import org.gofer.environment.EnvironmentSpec;
import org.gofer.environment.Resolution;
import org.gofer.gradebook.Gradebook;
import org.gofer.sandbox.SandboxJob;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.sandbox.SandboxRunner;
import org.gofer.submission.GradingJob;
import org.gofer.submission.Submission;
import org.gofer.submission.SubmissionQueue;
import org.gofer.submission.SubmissionStatus;
import org.gofer.submission.SubmissionStore;
import org.gofer.testsupport.Fixtures;
import org.gofer.testsupport.MutableClock;
import org.gofer.testsupport.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** A job whose assignment's environment is not ready waits in the queue, uncounted, and grades in it once built. */
class EnvironmentWaitTest {
    private static final AssignmentKey LAB = AssignmentKey.of("data8x", "fa24", "env-lab");

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final SandboxRunner sandbox = mock(SandboxRunner.class);
    private final FakeEnvironments environments = new FakeEnvironments();
    private Jdbi jdbi;
    private SubmissionStore store;
    private SubmissionQueue queue;
    private GradingPipeline pipeline;

    /** Our own seam: answers what the test says and remembers what it was asked. */
    private static final class FakeEnvironments implements EnvironmentResolver {
        Resolution answer;
        final List<EnvironmentSpec> asked = new ArrayList<>();
        final List<Runnable> listeners = new ArrayList<>();

        @Override
        public Resolution resolve(AssignmentKey key, EnvironmentSpec spec) {
            asked.add(spec);
            return answer;
        }

        @Override
        public void onReady(Runnable listener) {
            listeners.add(listener);
        }
    }

    @BeforeEach
    void setUp() {
        Path tests = tmp.resolve("notebooks-tests");
        Path lab = tests.resolve("data8x/fa24/env-lab");
        write(lab, "tests/q1.py", okTest("q1", 1));
        write(lab, "requirements.txt", "pyfiglet==1.0.2\n");
        AssignmentCatalog catalog = new AssignmentCatalog(tests);
        jdbi = TestDatabase.in(tmp);
        store = new SubmissionStore(jdbi, tmp.resolve("data"), clock);
        queue = new SubmissionQueue(jdbi, clock);
        Gradebook gradebook = new Gradebook(jdbi, clock, catalog, List.of());
        pipeline = new GradingPipeline(
                catalog,
                store,
                queue,
                gradebook,
                sandbox,
                GradingPipelineTest.DEFAULTS,
                new GradingArtifacts(tmp.resolve("data")),
                environments);
    }

    private GradingJob submitAndClaim() {
        byte[] nb = Fixtures.notebook(LAB.course(), LAB.section(), LAB.name(), "import pyfiglet")
                .getBytes(StandardCharsets.UTF_8);
        store.accept("alice", LAB, nb, "api");
        return queue.claim("w1", Duration.ofSeconds(60)).orElseThrow();
    }

    private Submission reload(GradingJob job) {
        return store.find(job.submission().id()).orElseThrow();
    }

    private long notBefore(GradingJob job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT not_before FROM submissions WHERE id = ?")
                .bind(0, job.submission().id())
                .mapTo(Long.class)
                .one());
    }

    @Test
    void whileTheEnvironmentBuildsTheJobWaitsAShortTimeWithoutCountingAnAttempt() {
        environments.answer = new Resolution(Resolution.Kind.BUILDING, "", "gofer-env:0123 is being built");
        GradingJob job = submitAndClaim();
        assertThat(job.submission().attempts()).isEqualTo(1);

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
        assertThat(s.attempts()).as("a wait is not a failed attempt").isZero();
        assertThat(queue.lastError(s.id())).contains(GradingPipeline.WAITING_FOR_ENVIRONMENT);
        assertThat(notBefore(job) - clock.millis()).isEqualTo(GradingPipeline.ENVIRONMENT_RECHECK.toMillis());
        assertThat(environments.asked).singleElement().satisfies(spec -> {
            assertThat(spec.base()).isEqualTo("gofer-grader:test");
            assertThat(new String(spec.requirements(), StandardCharsets.UTF_8)).isEqualTo("pyfiglet==1.0.2\n");
        });
        verify(sandbox, never()).run(any());

        // Waiting again and again never grows the attempts (nothing backs off exponentially).
        for (int i = 0; i < 5; i++) {
            clock.advance(GradingPipeline.ENVIRONMENT_RECHECK);
            pipeline.grade(queue.claim("w1", Duration.ofSeconds(60)).orElseThrow());
        }
        assertThat(reload(job).attempts()).isZero();
    }

    @Test
    void aFailedBuildKeepsTheJobQueuedSayingInstructorsWereToldNeverAZero() {
        environments.answer = new Resolution(Resolution.Kind.FAILED, "", "the build of gofer-env:0123 failed");
        GradingJob job = submitAndClaim();

        pipeline.grade(job);

        Submission s = reload(job);
        assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
        assertThat(s.score()).isEmpty();
        assertThat(queue.lastError(s.id()))
                .get()
                .asString()
                .contains("failed to build")
                .contains("instructors were told");
        verify(sandbox, never()).run(any());
    }

    @Test
    void aBuildThatEndsReleasesTheWaitingJobsAndTheyGradeInTheEnvironmentsImage() {
        environments.answer = new Resolution(Resolution.Kind.BUILDING, "", "building");
        GradingJob job = submitAndClaim();
        pipeline.grade(job);
        assertThat(queue.claim("w1", Duration.ofSeconds(60)))
                .as("not runnable before the re-check")
                .isEmpty();

        environments.answer = new Resolution(Resolution.Kind.READY, "gofer-env:0123456789abcdef", "");
        environments.listeners.forEach(Runnable::run);
        GradingJob again = queue.claim("w1", Duration.ofSeconds(60)).orElseThrow();
        when(sandbox.run(any()))
                .thenReturn(new SandboxOutcome(
                        SandboxOutcome.Kind.COMPLETED,
                        Optional.of(Fixtures.text("results/full-marks.json")),
                        Optional.of(0),
                        "",
                        Duration.ofSeconds(1),
                        ""));
        pipeline.grade(again);

        ArgumentCaptor<SandboxJob> captor = ArgumentCaptor.forClass(SandboxJob.class);
        verify(sandbox).run(captor.capture());
        assertThat(captor.getValue().image()).isEqualTo("gofer-env:0123456789abcdef");
        assertThat(captor.getValue().supportFiles())
                .as("requirements.txt is not copied beside the notebook")
                .isEmpty();
        assertThat(reload(job).status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(reload(job).attempts()).isEqualTo(1);
    }

    @Test
    void dockerOrTheBaseImageMissingIsRetriedWithTheUsualBackoff() {
        environments.answer = new Resolution(Resolution.Kind.UNAVAILABLE, "", "the base image x is missing");
        GradingJob job = submitAndClaim();

        pipeline.grade(job);

        assertThat(reload(job).status()).isEqualTo(SubmissionStatus.QUEUED);
        assertThat(queue.lastError(job.submission().id())).contains("the base image x is missing");
        assertThat(reload(job).attempts()).isEqualTo(1);
    }
}
