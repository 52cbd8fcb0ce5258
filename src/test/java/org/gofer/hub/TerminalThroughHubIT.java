package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gofer.hub.HubHttp.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.gofer.testsupport.DockerCli;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The debug terminal in headless Chromium through a real JupyterHub (Debian's 3.0 and 5 from the venv) and its proxy (which
 * carries the websocket): the instructor signs in on the hub's form, opens the terminal from a
 * submission's page, types into xterm.js and sees the files, a test's first line and the shell's
 * arithmetic on the screen; leaving the page removes the container and the session is logged. A
 * student gets 403 for the page and for the websocket. Screenshots go to
 * {@code target/screenshots/} ({@code target/screenshots/hub5/} on JupyterHub 5), {@code terminal-*.png}.
 */
@EnabledIfHubStack(chromium = true)
@ParameterizedClass(name = "on {0}")
@EnumSource(HubStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerminalThroughHubIT {
    private static final String PREFIX = "/services/gofer/";
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration SHELL = Duration.ofSeconds(90);
    private static final String ENTER = "\uE007";

    @TempDir
    static Path dir;

    @Parameter
    HubStack stack;

    static LocalHub hub;
    static HubHttp http;
    static String instructorToken;
    static String studentToken;
    static long submission;

    @BeforeParameterizedClassInvocation
    static void startHubWithASubmission(HubStack stack) throws Exception {
        stack.assumeInstalled();
        hub = LocalHub.start(stack, dir.resolve(stack.name()).resolve("hub"), Map.of());
        http = new HubHttp(hub);
        instructorToken =
                http.mintToken(LocalHub.INSTRUCTOR, hub.password).get("token").asText();
        studentToken = http.mintToken("student1", hub.password).get("token").asText();
        var accepted = http.postJson(
                PREFIX + "submit",
                studentToken,
                Map.of(
                        "nb",
                        HubHttp.JSON.readValue(
                                Files.readString(LocalHub.TESTS_DIR.resolve("hubdemo/s1/basics/basics.ipynb")),
                                Map.class)),
                Map.of());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        submission = read(accepted.body()).get("id").asLong();
    }

    @AfterParameterizedClassInvocation
    static void stopHub() {
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }

    @Test
    @Order(1)
    void theInstructorTypesIntoTheTerminalAndLeavingThePageRemovesTheContainer() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(
                Files.createDirectories(dir.resolve(stack.name()).resolve("instructor")))) {
            try {
                hub.signInToGoferPages(browser, LocalHub.INSTRUCTOR, PAGE);
                browser.open(hub.url(PREFIX + "pages/submissions/" + submission));
                browser.click(browser.await("a.terminal-link", PAGE));
                browser.await("#terminal .xterm", PAGE);
                browser.awaitPage(
                        SHELL,
                        "the shell's prompt",
                        b -> screen(b).contains("gofer@gofer"),
                        TerminalThroughHubIT::screenDetail);
                assertThat(debugContainers()).hasSize(1);

                browser.type(
                        browser.await("#terminal textarea.xterm-helper-textarea", PAGE),
                        "ls; cat tests/q1.py | head -1; echo $((6*7))" + ENTER);
                browser.awaitPage(
                        SHELL,
                        "the command's output",
                        b -> screen(b).lines().anyMatch(l -> l.strip().equals("42")),
                        TerminalThroughHubIT::screenDetail);
                String screen = screen(browser);
                String printed = screen.substring(screen.indexOf("echo $((6*7))") + "echo $((6*7))".length());
                assertThat(printed).contains("submission.ipynb", "tests", "test = {");
                assertThat(printed.lines().map(String::strip)).contains("42");
                assertThat(browser.text(browser.await("#terminal-status", PAGE)))
                        .isEqualTo("Connected.");
                // xterm.css (served from the WebJar under the strict CSP) took effect: its helper textarea is hidden.
                assertThat(browser.script("return getComputedStyle(document.querySelector("
                                        + "'.xterm-helper-textarea')).position;")
                                .asText())
                        .isEqualTo("absolute");
                browser.screenshot(stack.screenshots().resolve("terminal-instructor.png"));

                browser.open(hub.url(PREFIX + "pages/submissions/" + submission));
                awaitGone();
                JsonNode sessions = read(http.get(
                                        PREFIX + "api/terminal-sessions?submission=" + submission, instructorToken)
                                .body())
                        .get("sessions");
                assertThat(sessions).hasSize(1);
                assertThat(sessions.get(0).get("instructor").asText()).isEqualTo(LocalHub.INSTRUCTOR);
                assertThat(sessions.get(0).get("end_reason").asText()).isEqualTo("closed");
                assertThat(sessions.get(0).get("container").asText()).startsWith("gofer-");

                browser.open(hub.url(PREFIX + "pages/submissions/" + submission));
                browser.await("table.terminal-sessions", PAGE);
                assertThat(browser.text(browser.await("table.terminal-sessions tbody", PAGE)))
                        .contains(LocalHub.INSTRUCTOR, "closed", "gofer-grader");
                browser.script("document.querySelector('table.terminal-sessions').scrollIntoView();");
                browser.screenshot(stack.screenshots().resolve("terminal-session-log.png"));
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(stack.screenshots().resolve("terminal-instructor-failure.png"));
                throw new AssertionError(e.getMessage() + "\n" + hub.tail(), e);
            }
        }
    }

    @Test
    @Order(2)
    void aStudentGets403ForThePageAndTheWebsocket() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(
                Files.createDirectories(dir.resolve(stack.name()).resolve("student")))) {
            try {
                hub.signInToGoferPages(browser, "student1", PAGE);
                browser.open(hub.url(PREFIX + "pages/submissions/" + submission + "/terminal"));
                browser.awaitPage(PAGE, "a refusal", b -> b.pageText().contains("only instructors"));
                assertThat(browser.find("#terminal")).isEmpty();
                assertThat(browser.script("var x = new XMLHttpRequest(); x.open('GET', location.href, false);"
                                        + " x.send(); return x.status;")
                                .asInt())
                        .isEqualTo(403);
                browser.screenshot(stack.screenshots().resolve("terminal-student-refused.png"));

                // The student's own browser, signed in, same origin, with the session's XSRF token: still refused.
                browser.open(hub.url(PREFIX + "pages/"));
                browser.await("header .who", PAGE);
                browser.script("""
                        var xsrf = document.querySelector('meta[name="gofer-xsrf"]').getAttribute('content');
                        window.wsResult = 'pending';
                        var ws = new WebSocket('ws://' + location.host + arguments[0] + '?xsrf=' + xsrf);
                        ws.onopen = function () { window.wsResult = 'opened'; };
                        ws.onclose = function (e) { if (window.wsResult === 'pending') { window.wsResult = 'closed ' + e.code; } };
                        """, PREFIX + "api/submissions/" + submission + "/terminal");
                browser.awaitPage(
                        PAGE,
                        "the websocket to fail",
                        b -> !b.script("return window.wsResult;").asText().equals("pending"));
                assertThat(browser.script("return window.wsResult;").asText()).isEqualTo("closed 1006");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(stack.screenshots().resolve("terminal-student-failure.png"));
                throw new AssertionError(e.getMessage() + "\n" + hub.tail(), e);
            }
        }
        // What the browser cannot show: the upgrade is answered 403 through the hub's proxy.
        assertThat(upgradeStatus(studentToken)).isEqualTo(403);
        assertThat(debugContainers()).isEmpty();
    }

    private static int upgradeStatus(String token) {
        HttpClient client =
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        URI socket = URI.create("ws://127.0.0.1:" + hub.port + PREFIX + "api/submissions/" + submission + "/terminal");
        try {
            client.newWebSocketBuilder()
                    .header("Authorization", "token " + token)
                    .header("Origin", "http://127.0.0.1:" + hub.port)
                    .buildAsync(socket, new WebSocket.Listener() {})
                    .orTimeout(60, TimeUnit.SECONDS)
                    .join()
                    .abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The terminal's screen and scrollback, as xterm.js holds it (the canvas shows exactly this). */
    private static String screen(HeadlessChromium browser) {
        return browser.script("""
                var t = window.goferTerminal; if (!t) { return ''; }
                var b = t.buffer.active, out = [];
                for (var i = 0; i < b.length; i++) { var l = b.getLine(i); if (l) { out.push(l.translateToString(true)); } }
                return out.join('\\n');""").asText();
    }

    private static String screenDetail(HeadlessChromium browser) {
        return "\nscreen:\n" + screen(browser);
    }

    /** This hub's Gofer's debug containers (other Gofers on the machine may have theirs). */
    private static List<String> debugContainers() throws Exception {
        List<String> ours = DockerCli.containersWithLabel("gofer.deployment=" + hub.deployment);
        return DockerCli.containersWithLabel("gofer.debug-session").stream()
                .filter(ours::contains)
                .toList();
    }

    private static void awaitGone() throws Exception {
        Instant deadline = Instant.now().plus(PAGE);
        while (Instant.now().isBefore(deadline)) {
            if (debugContainers().isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the debug container is still there after leaving the page");
    }
}
