package org.gofer.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The precompiled templates escape values and replace control characters HTML does not allow. */
class TemplatesTest {
    @Test
    void controlCharactersBecomeReplacementCharactersAndMarkupIsEscaped() {
        String html = Templates.render(
                "environment",
                new EnvironmentLine.Line(
                        "bell\u0007 <b>&\"</b>\ttab\nline", null, false, null, null, null, null, null));

        assertThat(html.strip())
                .isEqualTo("<dt>Environment</dt><dd>cannot be worked out: bell\uFFFD &lt;b&gt;&amp;\"&lt;/b&gt;"
                        + "\ttab\nline</dd>");
    }

    @Test
    void attributeValuesEscapeQuotes() {
        String html = Templates.render("sortLink", new SortLink("/p?q=\"><x a='1'>&", false, false));

        assertThat(html)
                .isEqualTo("<a class=\"sort\" href=\"/p?q=&#34;>&lt;x a=&#39;1&#39;>&amp;\" title=\"sort\">⇅</a>");
    }
}
