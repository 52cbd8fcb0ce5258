package org.gofer.leaderboard;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A name a student chose to appear under on leaderboards, checked: 1 to {@value #MAX_LENGTH}
 * characters after trimming, runs of spaces made one, in Unicode NFC, and nothing that does not
 * print. Invisible characters are refused as well as control characters, because a name made of
 * them (or a right-to-left override inside one) could pass for another student's. Immutable.
 *
 * @param text the name as shown
 */
public record DisplayName(String text) {
    public static final int MAX_LENGTH = 32;

    /** @throws InvalidDisplayNameException saying what is wrong with {@code raw} */
    public static DisplayName parse(String raw) {
        if (raw == null) {
            throw new InvalidDisplayNameException("a display name is text of 1 to " + MAX_LENGTH + " characters");
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip().replaceAll(" {2,}", " ");
        int length = text.codePointCount(0, text.length());
        if (length == 0 || length > MAX_LENGTH) {
            throw new InvalidDisplayNameException(
                    "a display name has 1 to " + MAX_LENGTH + " characters (this one has " + length + ")");
        }
        text.codePoints().filter(c -> !printable(c)).findFirst().ifPresent(c -> {
            throw new InvalidDisplayNameException(
                    String.format("a display name may not contain control or invisible characters (it has U+%04X)", c));
        });
        return new DisplayName(text);
    }

    /**
     * The form two names are compared in: names that differ only in case, or in how a character
     * is composed (NFKC: "ﬁ" and "fi", full-width and plain letters), are the same name.
     */
    public String folded() {
        return Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT);
    }

    /** Letters, digits, marks, punctuation, symbols, and the plain space; no other kind of space. */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            case Character.SPACE_SEPARATOR -> c == ' ';
            default -> true;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
