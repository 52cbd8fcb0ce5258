package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debug terminal's page and its scripts, through the real server (the websocket is DebugTerminalIT's). */
class TerminalPageTest {
    @TempDir
    Path dir;

    PagesFixture gofer;

    @BeforeEach
    void start() {
        gofer = new PagesFixture(dir, false);
    }

    @AfterEach
    void stop() {
        gofer.close();
    }

    @Test
    void instructorsGetTheTerminalUnderTheStrictPolicyAndStudents403() {
        long id = gofer.submit(PagesFixture.ALICE, "x = 1");

        HttpResponse<String> page = gofer.get("pages/submissions/" + id + "/terminal", PagesFixture.PROF);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("script-src 'self'", "connect-src 'self'")
                        .doesNotContain("unsafe", "http:", "ws:"));
        assertThat(page.body())
                .contains(
                        "data-socket=\"" + PagesFixture.PREFIX + "api/submissions/" + id + "/terminal\"",
                        "src=\"" + PagesFixture.PREFIX + "pages/static/xterm.js\"",
                        "pages/static/xterm-addon-fit.js",
                        "pages/static/terminal.js",
                        "href=\"" + PagesFixture.PREFIX + "pages/static/xterm.css\"",
                        "No debug terminal was opened on this submission yet.")
                .doesNotContain("<script>");

        HttpResponse<String> submission = gofer.get("pages/submissions/" + id, PagesFixture.PROF);
        assertThat(submission.body()).contains("pages/submissions/" + id + "/terminal", "Open a debug terminal");

        assertThat(gofer.get("pages/submissions/" + id + "/terminal", PagesFixture.ALICE)
                        .statusCode())
                .isEqualTo(403);
        assertThat(gofer.get("pages/submissions/" + id, PagesFixture.ALICE).body())
                .doesNotContain("debug terminal");
        assertThat(gofer.get("pages/submissions/999/terminal", PagesFixture.PROF)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void xtermComesFromItsWebJarInTheJar() {
        HttpResponse<String> js = gofer.get("pages/static/xterm.js", PagesFixture.ALICE);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(js.body()).contains("Terminal").hasSizeGreaterThan(100_000);
        assertThat(gofer.get("pages/static/xterm.css", PagesFixture.ALICE).body())
                .contains(".xterm-helper-textarea");
        assertThat(gofer.get("pages/static/xterm-addon-fit.js", PagesFixture.ALICE)
                        .body())
                .contains("FitAddon");
        assertThat(gofer.get("pages/static/terminal.js", PagesFixture.ALICE).body())
                .contains("set_size");
        assertThat(gofer.get("pages/static/package.json", PagesFixture.ALICE).statusCode())
                .isEqualTo(404);
    }
}
