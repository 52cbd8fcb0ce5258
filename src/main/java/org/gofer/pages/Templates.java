package org.gofer.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;

/**
 * The pages' templates ({@code src/main/jte/*.jte}), compiled with the code by the
 * jte-maven-plugin into this package, so they may use its types and the jar renders without a
 * JDK. Every {@code ${...}} in a template is escaped for where it stands (element text or
 * attribute value), so text from students can only reach a page as text. Thread-safe.
 */
final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(
            null, ContentType.Html, Templates.class.getClassLoader(), "org.gofer.pages");

    private Templates() {}

    /** Renders {@code name}.jte, whose only parameter is {@code model}. */
    static String render(String name, Object model) {
        StringOutput out = new StringOutput(8192);
        ENGINE.render(name + ".jte", model, new ControlCharacterFree(out));
        return out.toString();
    }

    /**
     * jte's escaping, after replacing control characters other than tab and newlines, which HTML
     * does not allow in text (notebook outputs and test messages may carry them).
     */
    private static final class ControlCharacterFree extends OwaspHtmlTemplateOutput {
        ControlCharacterFree(TemplateOutput out) {
            super(out);
        }

        @Override
        public void writeUserContent(String value) {
            super.writeUserContent(value == null ? null : withoutControlCharacters(value));
        }
    }

    static String withoutControlCharacters(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                if (b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
                b.append('\uFFFD');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
