package org.gofer.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student in headless Chromium: signs in to the real hub, opens the assignment notebook on the
 * notebook server the hub spawns, clicks Submit, and sees the score. Leaves a screenshot in
 * {@code target/screenshots/}.
 */
@EnabledIfHubStack(chromium = true)
class SubmitButtonIT {
    private static final Path SCREENSHOTS = LocalHub.ROOT.resolve("target/screenshots");

    @TempDir
    Path dir;

    @Test
    void studentSubmitsFromTheNotebookAndSeesTheScore() throws Exception {
        try (LocalHub hub = LocalHub.start(dir.resolve("hub"), Map.of());
                HeadlessChromium browser = new HeadlessChromium(dir)) {
            try {
                browser.open(hub.url("/hub/login"));
                browser.type(browser.await("#username_input", Duration.ofSeconds(20)), "student1");
                browser.type(browser.await("#password_input", Duration.ofSeconds(5)), hub.password);
                browser.click(browser.await("#login_submit", Duration.ofSeconds(5)));
                awaitUrl(browser, "/user/student1/", Duration.ofSeconds(90));

                browser.open(hub.url("/user/student1/notebooks/basics.ipynb"));
                String button = browser.await("#gofer-submit-button", Duration.ofSeconds(60));
                awaitTrue(browser, "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded);",
                        Duration.ofSeconds(30));
                browser.click(button);

                String state = awaitFinalState(browser, Duration.ofMinutes(4));
                String panel = browser.text(browser.await("#gofer-submit-panel", Duration.ofSeconds(1)));
                browser.screenshot(SCREENSHOTS.resolve("submit-button-" + state + ".png"));
                assertThat(state).as(panel + "\n" + hub.tail()).isEqualTo("graded");
                assertThat(panel).containsPattern("Score: (0.5 / 1|1 / 2)\\b").contains("q1").contains("q2");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot(SCREENSHOTS.resolve("submit-button-failure.png"));
                throw e;
            }
        }
    }

    private static String awaitFinalState(HeadlessChromium browser, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String state = "";
        while (Instant.now().isBefore(deadline)) {
            state = browser.script("var p = document.getElementById('gofer-submit-panel');"
                    + " return p ? p.getAttribute('data-gofer-state') : '';").asText();
            if (state.equals("graded") || state.equals("failed") || state.equals("error")) {
                return state;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the Submit panel did not reach a final state within " + timeout
                + " (last: " + state + ")");
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
