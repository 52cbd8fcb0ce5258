package org.gofer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The harness's own Python suites, run where they must hold: its unit tests inside the grading
 * image (hardened as the service runs it), and its fixture checker, which grades every attack
 * notebook of images/grader/harness/tests/fixtures in the image and compares with expected.json.
 */
@EnabledIfDocker
class HarnessSelfTestIT {

    @Test
    void harnessUnitTestsPassInsideTheImage() throws Exception {
        Result r = run(
                List.of(
                        "docker",
                        "run",
                        "--rm",
                        "--network",
                        "none",
                        "--read-only",
                        "--cap-drop",
                        "ALL",
                        "--security-opt",
                        "no-new-privileges",
                        "--user",
                        "1000:1000",
                        "--tmpfs",
                        "/tmp:rw,nosuid,nodev,size=64m",
                        "--tmpfs",
                        "/home/gofer:rw,nosuid,nodev,uid=1000,gid=1000",
                        "gofer-grader:latest",
                        "python3",
                        "-m",
                        "unittest",
                        "discover",
                        "-s",
                        "/opt/gofer/harness/tests",
                        "-v"),
                10);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).containsPattern("Ran [1-9][0-9]* tests").contains("\nOK");
    }

    @Test
    void everyHarnessAttackFixtureEndsAsExpected() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "Debian's python3 is needed for the fixture checker");
        Result r = run(List.of(python.toString(), "images/grader/harness/tools/check_fixtures.py", "--jobs", "2"), 15);
        assertThat(r.exit()).as(r.output()).isZero();
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, int minutes) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }
}
