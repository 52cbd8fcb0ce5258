package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Markup, quotes and ampersands in every value people control (a username, an assignment title, a
 * test's name and feedback, a cell error, a filter) reach each page as text, never as markup.
 */
class HostileValuesTest {
    static final String EVE = "eve-token-0d0d0d";
    static final String USER = "eve<script>alert(\"u\")</script>&'";
    static final String TITLE = "Lab <script>alert(\"t\")</script> & 'co'";
    /** A test file's name (no slash), which is also in its feedback message. */
    static final String TEST = "q3<img src=x onerror=alert(1)>&\"'";

    static final String ERROR = "<script>alert(\"e\")</script>&'x'";
    static final String FILTER = "\"><script>alert(\"f\")</script>&";

    @TempDir
    Path dir;

    PagesFixture gofer;

    @BeforeEach
    void start() {
        gofer = new PagesFixture(dir, true);
        gofer.hub.addToken(EVE, USER, false, List.of("students"), List.of("access:services!service=gofer"));
        PagesFixture.write(
                dir.resolve("tests/" + PagesFixture.LAB + "/assignment.json"),
                "{\"title\": \"" + TITLE.replace("\"", "\\\"") + "\", \"policy\": \"latest\"}");
        PagesFixture.write(dir.resolve("tests/" + PagesFixture.LAB + "/tests/" + TEST + ".py"), "expect = \"x = 1\"\n");
    }

    @AfterEach
    void stop() {
        gofer.close();
    }

    @Test
    void everyPageShowsHostileValuesAsText() {
        long id = gofer.submit(EVE, "x = 1\nraise " + ERROR);
        gofer.awaitIdle();

        String dashboard = page("pages/", EVE);
        assertText(dashboard, TITLE, "Lab &lt;script&gt;alert(\"t\")&lt;/script&gt; &amp; 'co'");
        assertText(dashboard, USER, "eve&lt;script&gt;alert(\"u\")&lt;/script&gt;&amp;'");

        String assignment = page("pages/assignments/c8/s1/lab01", EVE);
        assertText(assignment, TITLE, "<h1>Lab &lt;script&gt;alert(\"t\")&lt;/script&gt; &amp; 'co'</h1>");
        assertText(assignment, TEST, "<td>q3&lt;img src=x onerror=alert(1)&gt;&amp;\"'</td>");
        assertText(assignment, ERROR, "&lt;script&gt;alert(\"e\")&lt;/script&gt;&amp;'x'");

        String own = page("pages/submissions/" + id, EVE);
        assertText(own, USER, "<dd>eve&lt;script&gt;alert(\"u\")&lt;/script&gt;&amp;'</dd>");
        assertText(own, TEST, "<pre>q3&lt;img src=x onerror=alert(1)&gt;&amp;\"' passed</pre>");
        assertText(own, ERROR, "<code>ValueError</code>: &lt;script&gt;alert(\"e\")&lt;/script&gt;&amp;'x'");

        String instructorView = page("pages/submissions/" + id, PagesFixture.PROF);
        assertText(instructorView, USER, "<dd>eve&lt;script&gt;alert(\"u\")&lt;/script&gt;&amp;'</dd>");
        assertText(instructorView, ERROR, "raise &lt;script&gt;alert(\"e\")&lt;/script&gt;&amp;'x'");

        String gradebook =
                page("pages/gradebook?q=" + URLEncoder.encode(FILTER, StandardCharsets.UTF_8), PagesFixture.PROF);
        assertText(gradebook, TITLE, ">Lab &lt;script&gt;alert(\"t\")&lt;/script&gt; &amp; 'co'</a>");
        assertText(gradebook, FILTER, "value=\"&#34;>&lt;script>alert(&#34;f&#34;)&lt;/script>&amp;\"");
        String all = page("pages/gradebook", PagesFixture.PROF);
        assertText(all, USER, "<th scope=\"row\">eve&lt;script&gt;alert(\"u\")&lt;/script&gt;&amp;'</th>");

        String standings = page("pages/gradebook/c8/s1/lab01", PagesFixture.PROF);
        assertText(standings, USER, ">eve&lt;script&gt;alert(\"u\")&lt;/script&gt;&amp;'</a></th>");
        assertThat(standings).contains("/students/eve%3Cscript%3Ealert%28%22u%22%29%3C%2Fscript%3E%26%27\"");
        assertText(standings, TEST, "<th>q3&lt;img src=x onerror=alert(1)&gt;&amp;\"'</th>");
        assertText(standings, TITLE, "<title>Score distribution of Lab &lt;script&gt;alert(\"t\")&lt;/script&gt;");

        String terminal = page("pages/submissions/" + id + "/terminal", PagesFixture.PROF);
        assertText(terminal, USER, "<dd>eve&lt;script&gt;alert(\"u\")&lt;/script&gt;&amp;'</dd>");
    }

    private String page(String relative, String token) {
        var r = gofer.get(relative, token);
        assertThat(r.statusCode()).as(relative).isEqualTo(200);
        return r.body();
    }

    /** The raw value is nowhere on the page, its escaped form is, and no script but the pages' own is. */
    private static void assertText(String page, String raw, String escaped) {
        assertThat(page).doesNotContain(raw).contains(escaped).doesNotContain("<script>alert", "<img src=x");
    }
}
