package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.gofer.hub.HubStack.Frontend;
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
 * A student in headless Chromium, on each {@link HubStack} and each notebook front end it offers
 * (the classic Notebook 6 with the nbextension on JupyterHub 3.0; JupyterLab 4 and Notebook 7 with
 * the labextension's wheel on JupyterHub 5): signs in to the real hub, opens the assignment
 * notebook on the server the hub spawns, clicks Submit, and sees the score and per-question
 * feedback; a notebook without assignment metadata, and a Gofer that is down, get a message that
 * says so. Screenshots go to {@code target/screenshots/} ({@code jupyterlab4-graded.png},
 * {@code notebook7-graded.png}, {@code submit-button-graded.png}, ...).
 */
@EnabledIfHubStack(chromium = true)
@ParameterizedClass(name = "on {0}")
@EnumSource(HubStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubmitButtonIT {
    private static final Path SCREENSHOTS = LocalHub.ROOT.resolve("target/screenshots");
    private static final String STUDENT = "student1";
    /** The assignment notebook without its metadata.gofer: Gofer cannot tell which assignment it is. */
    private static final String NO_METADATA = "scratch.ipynb";

    @TempDir
    static Path dir;

    static LocalHub hub;

    @Parameter
    HubStack stack;

    @BeforeParameterizedClassInvocation
    static void startHub(HubStack stack) throws Exception {
        stack.assumeInstalled();
        Path tests = LocalHub.copyTests(dir.resolve(stack.name()).resolve("notebooks-tests"));
        // a limit, so that the panel shows the submissions used
        Files.writeString(tests.resolve("hubdemo/s1/basics/assignment.json"), "{\"max_submissions\": 20}");
        hub = LocalHub.start(
                stack, dir.resolve(stack.name()).resolve("hub"), Map.of("GOFER_TESTS_DIR", tests.toString()));
        Path home = hub.dir.resolve("home").resolve(STUDENT);
        ObjectNode nb =
                (ObjectNode) HubHttp.JSON.readTree(home.resolve("basics.ipynb").toFile());
        ((ObjectNode) nb.get("metadata")).remove("gofer");
        Files.writeString(home.resolve(NO_METADATA), HubHttp.write(nb));
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
    void studentSubmitsFromTheNotebookAndSeesTheScoreAndFeedback() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(
                Files.createDirectories(dir.resolve(stack.name()).resolve("graded")))) {
            signIn(browser);
            for (Frontend frontend : stack.frontends) {
                String panel = submit(browser, frontend, "basics.ipynb", "graded");
                assertThat(panel)
                        .as(frontend.label)
                        .containsPattern("Score: (0.5 / 1|1 / 2)\\b")
                        .contains("q1", "q2")
                        // q2's failing case, as the student's feedback
                        .contains("v2 == 2")
                        .containsPattern("Submissions used: \\d+ of 20; you may submit again\\.");
            }
        }
    }

    @Test
    @Order(2)
    void aNotebookWithoutAssignmentAndAServiceThatIsDownAreToldClearly() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(
                Files.createDirectories(dir.resolve(stack.name()).resolve("errors")))) {
            signIn(browser);
            for (Frontend frontend : stack.frontends) {
                String panel = submit(browser, frontend, NO_METADATA, "no-assignment");
                assertThat(panel)
                        .as(frontend.label)
                        .contains("Submission problem")
                        .contains("the notebook does not say which assignment it is");
            }
            hub.takeGoferDown();
            try {
                for (Frontend frontend : stack.frontends) {
                    String panel = submit(browser, frontend, "basics.ipynb", "service-down");
                    assertThat(panel)
                            .as(frontend.label)
                            .contains("Submission problem")
                            .contains("Gofer is not available right now (HTTP 503")
                            .contains("Your notebook is saved");
                }
            } finally {
                hub.bringGoferBack();
            }
        }
    }

    private static void signIn(HeadlessChromium browser) throws InterruptedException {
        browser.open(hub.url("/hub/login"));
        browser.type(browser.await("#username_input", Duration.ofSeconds(20)), STUDENT);
        browser.type(browser.await("#password_input", Duration.ofSeconds(5)), hub.password);
        browser.click(browser.await("#login_submit", Duration.ofSeconds(5)));
        awaitUrl(browser, "/user/" + STUDENT + "/", Duration.ofSeconds(90));
    }

    /**
     * Opens {@code notebook} in {@code frontend}, clicks Submit, waits for the panel's final state
     * and returns its text; a screenshot {@code <frontend>-<shot>.png} either way. Asserts the state:
     * "graded" when {@code shot} is "graded", else "error".
     */
    private String submit(HeadlessChromium browser, Frontend frontend, String notebook, String shot) throws Exception {
        Path png = SCREENSHOTS.resolve(frontend.screenshotPrefix + "-" + shot + ".png");
        try {
            browser.open(hub.url(frontend.notebookUrl(STUDENT, notebook, "gofer-" + shot)));
            browser.await(frontend.button, Duration.ofSeconds(90));
            awaitTrue(
                    browser,
                    frontend == Frontend.CLASSIC_NOTEBOOK_6
                            ? "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded);"
                            // JupyterLab 4 / Notebook 7: the notebook's model is loaded and its cells rendered.
                            : "return document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').length > 0;",
                    Duration.ofSeconds(60));
            clickOnceSettled(browser, frontend.button);
            String state = awaitFinalState(browser, Duration.ofMinutes(4));
            String panel = browser.text(browser.await("#gofer-submit-panel", Duration.ofSeconds(1)));
            browser.screenshot(png);
            assertThat(state)
                    .as(frontend.label + ": " + panel + "\n" + hub.tail())
                    .isEqualTo(shot.equals("graded") ? "graded" : "error");
            return panel;
        } catch (AssertionError | RuntimeException e) {
            browser.screenshot(SCREENSHOTS.resolve(frontend.screenshotPrefix + "-" + shot + "-failure.png"));
            throw e;
        }
    }

    /**
     * Clicks the element {@code css} matches; JupyterLab re-renders its toolbar while the page
     * settles, so a stale or not yet laid out button is looked up again (bounded).
     */
    private static void clickOnceSettled(HeadlessChromium browser, String css) throws InterruptedException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                browser.click(browser.await(css, Duration.ofSeconds(10)));
                return;
            } catch (IllegalStateException e) {
                if (!e.getMessage().contains("stale element") && !e.getMessage().contains("not interactable")) {
                    throw e;
                }
                last = e;
                Thread.sleep(500);
            }
        }
        throw last;
    }

    private static String awaitFinalState(HeadlessChromium browser, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String state = "";
        while (Instant.now().isBefore(deadline)) {
            state = browser.script("var p = document.getElementById('gofer-submit-panel');"
                            + " return p ? p.getAttribute('data-gofer-state') : '';")
                    .asText();
            if (state.equals("graded") || state.equals("failed") || state.equals("error")) {
                return state;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "the Submit panel did not reach a final state within " + timeout + " (last: " + state + ")");
    }

    private static void awaitUrl(HeadlessChromium browser, String part, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (browser.currentUrl().contains(part)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("never reached " + part + " (at " + browser.currentUrl() + ")");
    }

    private static void awaitTrue(HeadlessChromium browser, String js, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (browser.script(js).asBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("never true within " + timeout + ": " + js);
    }
}
