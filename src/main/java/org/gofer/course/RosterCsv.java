package org.gofer.course;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.gofer.hubauth.CourseRole;

/**
 * Reads a roster CSV: UTF-8 (a byte-order mark is allowed), the header {@code username,role},
 * then one member per line, role {@code student} or {@code staff}. Blank lines are skipped; a
 * field may be quoted. Anything else is refused with the line number, before anything is stored.
 * Stateless.
 */
public final class RosterCsv {
    /** A course's roster fits many times over; an upload larger than this is a mistake. */
    public static final int MAX_BYTES = 1024 * 1024;

    public static final int MAX_MEMBERS = 20_000;

    /**
     * What a hub user name may be here: JupyterHub's usual names, e-mail addresses included. A
     * name outside it is more likely a spreadsheet's stray cell than a hub user.
     */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");

    private RosterCsv() {}

    /** @throws InvalidRosterException naming the first line that is wrong */
    public static List<RosterEntry> parse(byte[] csv) {
        if (csv.length > MAX_BYTES) {
            throw new InvalidRosterException("the roster is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        String text = decode(csv);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        int header = firstNonBlank(lines);
        if (header < 0) {
            throw new InvalidRosterException("the roster is empty: its first line must be the header username,role");
        }
        List<String> columns = fields(lines[header], header + 1);
        if (columns.size() != 2
                || !columns.get(0).toLowerCase(Locale.ROOT).equals("username")
                || !columns.get(1).toLowerCase(Locale.ROOT).equals("role")) {
            throw new InvalidRosterException(
                    "line " + (header + 1) + ": the first line must be the header username,role");
        }
        List<RosterEntry> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = header + 1; i < lines.length; i++) {
            int number = i + 1;
            if (lines[i].strip().isEmpty()) {
                continue;
            }
            List<String> f = fields(lines[i], number);
            if (f.size() != 2) {
                throw new InvalidRosterException(
                        "line " + number + ": expected 2 fields (username,role), found " + f.size());
            }
            String user = f.get(0);
            if (!USERNAME.matcher(user).matches()) {
                throw new InvalidRosterException("line " + number + ": '" + printable(user)
                        + "' is not a hub user name (1-128 letters, digits, '.', '_', '@', '+' or '-')");
            }
            Integer earlier = seen.putIfAbsent(user, number);
            if (earlier != null) {
                throw new InvalidRosterException(
                        "line " + number + ": " + user + " is listed twice (first on line " + earlier + ")");
            }
            out.add(new RosterEntry(user, role(f.get(1), number)));
            if (out.size() > MAX_MEMBERS) {
                throw new InvalidRosterException(
                        "line " + number + ": a roster has at most " + MAX_MEMBERS + " members");
            }
        }
        return out;
    }

    private static CourseRole role(String value, int line) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "student" -> CourseRole.STUDENT;
            case "staff" -> CourseRole.STAFF;
            default ->
                throw new InvalidRosterException(
                        "line " + line + ": unknown role '" + printable(value) + "': use student or staff");
        };
    }

    /** Splits one line on commas; a field in double quotes may hold commas and doubled quotes. */
    private static List<String> fields(String rawLine, int line) {
        String s = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                out.add(field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new InvalidRosterException("line " + line + ": text after a closing quote");
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InvalidRosterException("line " + line + ": a quote is not closed");
        }
        out.add(field.toString().strip());
        return out;
    }

    private static int firstNonBlank(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] csv) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(csv))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRosterException("the roster is not UTF-8 text (save the CSV as UTF-8)");
        }
    }

    private static String printable(String value) {
        String p = value.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 40 ? p.substring(0, 40) + "..." : p;
    }
}
