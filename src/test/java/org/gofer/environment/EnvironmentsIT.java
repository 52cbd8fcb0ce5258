package org.gofer.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.gofer.testsupport.Fixtures.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gofer.assignment.Assignment;
import org.gofer.assignment.AssignmentCatalog;
import org.gofer.assignment.AssignmentKey;
import org.gofer.config.AppConfig;
import org.gofer.config.ConfigLoader;
import org.gofer.grading.SandboxJobs;
import org.gofer.sandbox.ActiveContainers;
import org.gofer.sandbox.DockerClients;
import org.gofer.sandbox.DockerSandboxRunner;
import org.gofer.sandbox.SandboxOutcome;
import org.gofer.testsupport.EnabledIfDocker;
import org.gofer.testsupport.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environments against real Docker and the real grading image: requirements from PyPI and a Debian
 * package end up in the image a notebook grades in; the image is reused until the spec changes and
 * across a restart; a spec that cannot build fails once, keeps its log, and is built again only
 * when an instructor asks. Every spec carries a fresh comment, so each run really builds; the
 * {@code gofer-env} tags made here are removed afterwards.
 */
@EnabledIfDocker
class EnvironmentsIT {
    private static final String BASE = "gofer-grader:latest";
    private static final AppConfig.Sandbox SANDBOX =
            new AppConfig.Sandbox(BASE, "it-env-" + UUID.randomUUID(), 1024, 1.0, 256, Duration.ofSeconds(120), 256);
    private static final Duration BUILD_WAIT = Duration.ofMinutes(10);
    private static final Set<String> TAGS_MADE = new HashSet<>();

    private static DockerClient docker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        docker = DockerClients.fromEnvironment();
    }

    @AfterAll
    static void removeTheImagesMadeHere() throws Exception {
        for (String tag : TAGS_MADE) {
            try {
                docker.removeImageCmd(tag).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
        docker.close();
    }

    private static void assumeBaseImage() {
        boolean present;
        try {
            docker.inspectImageCmd(BASE).exec();
            present = true;
        } catch (NotFoundException e) {
            present = false;
        }
        assumeThat(present).as(BASE + " is built (images/build)").isTrue();
    }

    private Environments environments(AtomicInteger builds) {
        Environments e = Environments.create(
                docker, tmp.resolve("data"), ConfigLoader.load(System.getenv()).pip(), Clock.systemUTC());
        e.onReady(builds::incrementAndGet);
        return e;
    }

    /** Resolves until the build ends (bounded), as the pipeline's re-checks would. */
    private static Resolution awaitBuilt(Environments e, AssignmentKey key, EnvironmentSpec spec) throws Exception {
        long deadline = System.nanoTime() + BUILD_WAIT.toNanos();
        Resolution r = e.resolve(key, spec);
        while (r.kind() == Resolution.Kind.BUILDING && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            r = e.resolve(key, spec);
        }
        return r;
    }

    private AssignmentCatalog assignment(String requirements, String assignmentJson) {
        Path lab = tmp.resolve("tests/it/env/lab");
        write(lab, "tests/q1.py", Fixtures.okTest("q1", 1));
        write(lab, "tests/q2.py", """
                test = {'name': 'q2', 'points': 1,
                        'suites': [{'cases': [{'code': '>>> y\\n1', 'hidden': False}], 'type': 'doctest'}]}
                """);
        write(lab, "requirements.txt", requirements);
        write(lab, "assignment.json", assignmentJson);
        return new AssignmentCatalog(tmp.resolve("tests"));
    }

    private static final AssignmentKey LAB = AssignmentKey.of("it", "env", "lab");

    @Test
    void aNotebookUsingTheEnvironmentsPackagesGetsFullMarksAndTheImageIsReusedUntilTheSpecChanges() throws Exception {
        assumeBaseImage();
        String run = UUID.randomUUID().toString();
        AssignmentCatalog catalog =
                assignment("# run " + run + "\npyfiglet==1.0.2\n", "{\"environment\": {\"apt\": [\"sl\"]}}");
        EnvironmentSpec spec = EnvironmentSpec.of(catalog.settings(LAB), BASE).orElseThrow();
        AtomicInteger builds = new AtomicInteger();

        String tag;
        String imageId;
        // A service that died while building this spec left its record saying "building".
        String hash =
                EnvironmentHash.of(spec, docker.inspectImageCmd(BASE).exec().getId());
        new BuildRecords(tmp.resolve("data")).write(BuildRecord.queued(hash).started(java.time.Instant.now()));
        try (Environments environments = environments(builds)) {
            assertThat(environments.resolve(LAB, spec).kind())
                    .as("the dead build starts again")
                    .isEqualTo(Resolution.Kind.BUILDING);
            Resolution built = awaitBuilt(environments, LAB, spec);
            assertThat(built.kind())
                    .as(built.detail() + "\n" + environments.status(spec).logTail())
                    .isEqualTo(Resolution.Kind.READY);
            tag = built.image();
            TAGS_MADE.add(tag);
            assertThat(tag).isEqualTo(EnvironmentHash.tag(hash));
            assertThat(tag).matches("gofer-env:[0-9a-f]{16}");
            imageId = docker.inspectImageCmd(tag).exec().getId();
            assertThat(builds).hasValue(1);

            assertThat(environments.resolve(LAB, spec)).isEqualTo(built);
            assertThat(environments.status(spec).status()).isEqualTo(BuildRecord.Status.READY);
            assertThat(builds).as("an unchanged spec is not built again").hasValue(1);

            Assignment a = catalog.load(LAB);
            byte[] notebook = Fixtures.notebook(
                            "it",
                            "env",
                            "lab",
                            "import os, pyfiglet; "
                                    + "x = 1 if 'Gofer' not in pyfiglet.figlet_format('Gofer') else 0; "
                                    + "y = 1 if os.path.exists('/usr/games/sl') else 0")
                    .getBytes(StandardCharsets.UTF_8);
            try (DockerSandboxRunner runner = DockerSandboxRunner.fromConfig(docker, SANDBOX, new ActiveContainers())) {
                SandboxOutcome outcome = runner.run(SandboxJobs.create(7, a, notebook, SANDBOX, tag));
                assertThat(outcome.kind())
                        .as(outcome.detail() + "\n" + outcome.log())
                        .isEqualTo(SandboxOutcome.Kind.COMPLETED);
                JsonNode result =
                        new ObjectMapper().readTree(outcome.resultJson().orElseThrow());
                assertThat(result.path("score").asDouble())
                        .as(result.toString())
                        .isEqualTo(2.0);
                assertThat(result.path("max_score").asDouble()).isEqualTo(2.0);
            }
        }

        AtomicInteger afterRestart = new AtomicInteger();
        try (Environments restarted = environments(afterRestart)) {
            assertThat(restarted.resolve(LAB, spec)).isEqualTo(Resolution.ready(tag));
            assertThat(docker.inspectImageCmd(tag).exec().getId()).isEqualTo(imageId);

            AssignmentCatalog changed = assignment(
                    "# run " + run + "\npyfiglet==1.0.2\ncowsay==6.1\n", "{\"environment\": {\"apt\": [\"sl\"]}}");
            EnvironmentSpec newSpec =
                    EnvironmentSpec.of(changed.settings(LAB), BASE).orElseThrow();
            Resolution rebuilt = awaitBuilt(restarted, LAB, newSpec);
            assertThat(rebuilt.kind()).isEqualTo(Resolution.Kind.READY);
            TAGS_MADE.add(rebuilt.image());
            assertThat(rebuilt.image()).isNotEqualTo(tag);
            assertThat(afterRestart)
                    .as("the restart reused the image; the changed spec built once")
                    .hasValue(1);
            assertThat(docker.inspectImageCmd(tag).exec().getId())
                    .as("the old image is untouched")
                    .isEqualTo(imageId);
        }
    }

    @Test
    void aSpecThatCannotBuildFailsOnceKeepsItsLogAndIsBuiltAgainOnlyOnRequest() throws Exception {
        assumeBaseImage();
        String missing = "gofer-no-such-package-" + UUID.randomUUID().toString().substring(0, 8);
        AssignmentCatalog catalog = assignment(missing + "==1.0\n", "{}");
        EnvironmentSpec spec = EnvironmentSpec.of(catalog.settings(LAB), BASE).orElseThrow();
        AtomicInteger builds = new AtomicInteger();

        try (Environments environments = environments(builds)) {
            Resolution r = awaitBuilt(environments, LAB, spec);
            assertThat(r.kind()).isEqualTo(Resolution.Kind.FAILED);
            EnvironmentStatus status = environments.status(spec);
            TAGS_MADE.add(status.image());
            assertThat(status.status()).isEqualTo(BuildRecord.Status.FAILED);
            assertThat(status.record().orElseThrow().error())
                    .get()
                    .asString()
                    .as("pip's own message, in one line")
                    .contains("No matching distribution")
                    .contains(missing);
            assertThat(status.logTail()).contains(missing);
            Path log = environments.log(spec).orElseThrow();
            assertThat(log)
                    .isEqualTo(tmp.resolve(
                            "data/environments/" + status.record().orElseThrow().hash() + ".log"));
            assertThat(Files.readString(log)).contains("pip install").contains(missing);

            Thread.sleep(1500);
            assertThat(environments.resolve(LAB, spec).kind())
                    .as("a failure is not retried by itself")
                    .isEqualTo(Resolution.Kind.FAILED);
        }
        try (Environments restarted = environments(builds)) {
            assertThat(restarted.resolve(LAB, spec).kind())
                    .as("nor after a restart")
                    .isEqualTo(Resolution.Kind.FAILED);
            String before = Files.readString(restarted.log(spec).orElseThrow());
            Optional<java.time.Instant> firstStart =
                    restarted.status(spec).record().orElseThrow().started();

            EnvironmentStatus again = restarted.rebuild(LAB, spec);
            assertThat(again.status()).isEqualTo(BuildRecord.Status.BUILDING);
            long deadline = System.nanoTime() + BUILD_WAIT.toNanos();
            while (restarted.status(spec).status() == BuildRecord.Status.BUILDING && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            assertThat(restarted.status(spec).status()).isEqualTo(BuildRecord.Status.FAILED);
            assertThat(restarted.status(spec).record().orElseThrow().started())
                    .as("the instructor's rebuild ran")
                    .isPresent()
                    .isNotEqualTo(firstStart);
            assertThat(Files.readString(restarted.log(spec).orElseThrow()))
                    .isNotEqualTo(before)
                    .contains(missing);
        }
        assertThat(builds).as("no build ended with an image").hasValue(0);
    }
}
