package org.gofer.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gofer.config.AppConfig;
import org.gofer.testsupport.EnabledIfDocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The debug terminal end to end against real Docker and the real grading image, through the
 * service's websocket: the shell runs as uid 1000 without a network among the submission's files;
 * its container goes when the socket closes, when it is idle past the limit, and when the shell
 * exits; every session is in the log; students, other sites and callers without credentials are
 * refused before the upgrade; the session cap holds.
 */
@EnabledIfDocker
class DebugTerminalIT {
    private static final Duration IDLE = Duration.ofSeconds(4);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private TerminalFixture service;

    @BeforeEach
    void start() throws Exception {
        service = new TerminalFixture(dir, new AppConfig.Terminal(IDLE, Duration.ofMinutes(5), 2));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void theInstructorsShellHasNoNetworkRunsAsUid1000AndGoesWhenTheSocketCloses() throws Exception {
        TerminalFixture.Screen screen = service.connect(TerminalFixture.PROF, service.origin());
        screen.send("[\"set_size\", 30, 100]");
        screen.type("id -u; ls /sys/class/net; cat /sys/class/net/*/operstate; ls; head -1 tests/q1.py; stty size;"
                + " python3 -c 'import socket; socket.create_connection((\"192.0.2.1\", 80), timeout=3)' 2>&1 | tail -1;"
                + " echo $((6*7))\r");
        String out = screen.awaitLine("42", WAIT);
        String printed = out.substring(out.lastIndexOf("echo $((6*7))") + "echo $((6*7))".length());
        assertThat(printed.lines().map(String::strip).toList())
                .contains("1000", "lo", "unknown", "test = {'name': 'q1', 'points': 1}", "30 100")
                .noneMatch(l -> l.startsWith("eth") || l.equals("up"));
        assertThat(printed).contains("submission.ipynb", "data.csv", "tests", "Network is unreachable");
        assertThat(screen.messages().get(0)).isEqualTo("[\"setup\",{}]");
        assertThat(service.debugContainers()).hasSize(1);

        screen.socket
                .sendClose(1000, "tab closed")
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        awaitNoContainers();
        TerminalRecord row = awaitEnded();
        assertThat(row.instructor()).isEqualTo("prof");
        assertThat(row.submissionId()).isEqualTo(service.submission);
        assertThat(row.image()).isEqualTo(TerminalFixture.IMAGE);
        assertThat(row.container()).hasValueSatisfying(c -> assertThat(c).startsWith("gofer-"));
        assertThat(row.endReason()).contains("closed");
    }

    @Test
    void anIdleTerminalIsStoppedRemovedAndClosedWithAMessage() throws Exception {
        TerminalFixture.Screen screen = service.connect(TerminalFixture.PROF, service.origin());
        screen.type("echo ready-$((1+1))\r");
        screen.awaitLine("ready-2", WAIT);
        Instant lastKey = Instant.now();
        String closed = screen.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(Duration.between(lastKey, Instant.now())).isGreaterThanOrEqualTo(IDLE.minusMillis(500));
        assertThat(closed).startsWith("1000 ").contains("No input for 4 s");
        assertThat(screen.text()).contains("No input for 4 s; the container was stopped and removed.");
        assertThat(screen.messages()).last().isEqualTo("[\"disconnect\",1]");
        awaitNoContainers();
        assertThat(awaitEnded().endReason()).contains("idle");
    }

    @Test
    void exitingTheShellEndsTheSession() throws Exception {
        TerminalFixture.Screen screen = service.connect(TerminalFixture.PROF, service.origin());
        screen.type("exit\r");
        assertThat(screen.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("1000 ");
        assertThat(screen.text()).contains("The shell exited");
        awaitNoContainers();
        assertThat(awaitEnded().endReason()).contains("shell_exited");
    }

    @Test
    void aSessionEndsAtItsMaximumLengthEvenWhileTyping() throws Exception {
        service.close();
        service = new TerminalFixture(
                dir.resolve("short"), new AppConfig.Terminal(Duration.ofMinutes(5), Duration.ofSeconds(3), 2));
        TerminalFixture.Screen screen = service.connect(TerminalFixture.PROF, service.origin());
        Instant deadline = Instant.now().plus(WAIT);
        while (!screen.closed.isDone() && Instant.now().isBefore(deadline)) {
            screen.type(":\r"); // keystrokes keep it from being idle; the length limit still applies
            Thread.sleep(500);
        }
        assertThat(screen.closed.get(1, TimeUnit.SECONDS)).startsWith("1000 ").contains("limit of 3 s");
        awaitNoContainers();
        assertThat(awaitEnded().endReason()).contains("max_duration");
    }

    @Test
    void aQuietSessionOutlivesTheWebsocketTimeoutsAndStoppingTheServiceEndsIt() throws Exception {
        service.close();
        service = new TerminalFixture(
                dir.resolve("quiet"), new AppConfig.Terminal(Duration.ofMinutes(5), Duration.ofMinutes(5), 2));
        TerminalFixture.Screen screen = service.connect(TerminalFixture.PROF, service.origin());
        screen.type("echo first\r");
        screen.awaitLine("first", WAIT);
        // Jetty closes a websocket silent for 30 s; the service's pings keep an idle shell's open.
        Thread.sleep(40_000);
        assertThat(screen.closed).isNotDone();
        screen.type("echo still-$((20+1))\r");
        screen.awaitLine("still-21", WAIT);

        service.sessions.close();
        assertThat(screen.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("1000 ");
        assertThat(screen.text()).contains("Gofer is stopping");
        awaitNoContainers();
        assertThat(awaitEnded().endReason()).contains("service_stopping");
    }

    @Test
    void theAssignmentsOwnImageIsUsedAndAMissingOneIsAFailedSessionExplainedInTheTerminal() throws Exception {
        Files.writeString(
                dir.resolve("tests/c8/s1/lab01/assignment.json"), "{\"image\": \"gofer-grader:no-such-tag\"}");
        TerminalFixture.Screen screen = service.connect(TerminalFixture.PROF, service.origin());

        assertThat(screen.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("1011 ");
        assertThat(screen.text()).contains("gofer-grader:no-such-tag", "could not open", "missing");
        TerminalRecord row = awaitEnded();
        assertThat(row.image()).isEqualTo("gofer-grader:no-such-tag");
        assertThat(row.endReason()).contains("failed");
        assertThat(row.detail()).hasValueSatisfying(d -> assertThat(d).contains("missing"));
        assertThat(service.debugContainers()).isEmpty();
        assertThat(service.sessions.hasRoom()).isTrue();
    }

    @Test
    void studentsOtherSitesAndStrangersAreRefusedBeforeTheUpgrade() throws Exception {
        assertThat(service.upgradeStatus(TerminalFixture.ALICE, service.origin(), service.submission))
                .isEqualTo(403);
        assertThat(service.upgradeStatus(TerminalFixture.PROF, "https://evil.example", service.submission))
                .isEqualTo(403);
        assertThat(service.upgradeStatus(TerminalFixture.PROF, null, service.submission))
                .isEqualTo(403);
        assertThat(service.upgradeStatus(null, service.origin(), service.submission))
                .isEqualTo(401);
        assertThat(service.upgradeStatus(TerminalFixture.PROF, service.origin(), 999_999))
                .isEqualTo(404);
        assertThat(service.debugContainers()).isEmpty();
        assertThat(new TerminalLog(service.jdbi).list(Optional.empty(), 10)).isEmpty();
        assertThat(service.get("api/terminal-sessions", TerminalFixture.ALICE).statusCode())
                .isEqualTo(403);
        assertThat(service.get("api/terminal-sessions", TerminalFixture.PROF).body())
                .contains("\"sessions\":[]", "\"max_sessions\":2", "\"idle_timeout_seconds\":4");
    }

    @Test
    void noMoreThanTheAllowedSessionsAreOpenAtOnce() throws Exception {
        TerminalFixture.Screen first = service.connect(TerminalFixture.PROF, service.origin());
        TerminalFixture.Screen second = service.connect(TerminalFixture.PROF, service.origin());
        first.type("echo one\r");
        second.type("echo two\r");
        first.awaitLine("one", WAIT);
        second.awaitLine("two", WAIT);
        assertThat(service.upgradeStatus(TerminalFixture.PROF, service.origin(), service.submission))
                .isEqualTo(503);
        assertThat(service.debugContainers()).hasSize(2);
        first.socket.sendClose(1000, "done").join();
        second.socket.sendClose(1000, "done").join();
        awaitNoContainers();
    }

    private void awaitNoContainers() throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (service.debugContainers().isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("debug containers still there after " + WAIT + ": " + service.debugContainers());
    }

    private TerminalRecord awaitEnded() throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        List<TerminalRecord> rows = List.of();
        while (Instant.now().isBefore(deadline)) {
            rows = new TerminalLog(service.jdbi).list(Optional.of(service.submission), 10);
            if (rows.size() == 1 && rows.get(0).endedAt().isPresent()) {
                return rows.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no ended session row: " + rows);
    }
}
