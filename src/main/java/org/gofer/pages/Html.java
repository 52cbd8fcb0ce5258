package org.gofer.pages;

import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * A piece of HTML. Built by {@link #of}, which escapes every argument that is not already
 * {@code Html}, so text from students (names, notebook outputs, test messages) can only reach a
 * page as text. Templates use {@code %s} placeholders only. Immutable.
 */
record Html(String text) {
    static final Html EMPTY = new Html("");

    /** Fills {@code %s} placeholders; arguments that are not {@code Html} are escaped, null is empty. */
    static Html of(String template, Object... args) {
        Object[] filled = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            filled[i] = args[i] instanceof Html h ? h.text : escape(args[i] == null ? "" : String.valueOf(args[i]));
        }
        return new Html(template.formatted(filled));
    }

    /** Joins pieces without a separator. */
    static Collector<Html, ?, Html> joining() {
        return Collectors.collectingAndThen(Collectors.mapping(Html::text, Collectors.joining()), Html::new);
    }

    static Html when(boolean condition, Html html) {
        return condition ? html : EMPTY;
    }

    /** Escapes text for element content and quoted attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // control characters other than tab/newline are not allowed in HTML text
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
