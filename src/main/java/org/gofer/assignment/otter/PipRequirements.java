package org.gofer.assignment.otter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Filters pip requirement lines from an autograder into the assignment's requirements.txt. Only
 * plain {@code name[extras] specifiers ; marker} lines pass: options ({@code -e}, {@code -r},
 * {@code --index-url}, {@code -f}, ...), URLs, direct references and local paths could fetch code
 * from somewhere other than the package index or read the builder's files, so they are refused.
 * otter-grader itself is dropped: Gofer's image provides {@code otter} as a shim and must never
 * install the real package. Stateless.
 */
public final class PipRequirements {
    private static final String NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
    private static final Pattern LINE = Pattern.compile("(?<name>" + NAME + ")"
            + "\\s*(?:\\[\\s*(?:" + NAME + "(?:\\s*,\\s*" + NAME + ")*)?\\s*\\])?"
            + "\\s*(?:(?:===|==|!=|~=|<=|>=|<|>)\\s*[A-Za-z0-9.*+!_-]+"
            + "(?:\\s*,\\s*(?:===|==|!=|~=|<=|>=|<|>)\\s*[A-Za-z0-9.*+!_-]+)*)?"
            + "\\s*(?:;[A-Za-z0-9_.'\"<>=!~ (),-]*)?");
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");
    private static final List<String> DROPPED = List.of("otter-grader");

    /** The lines kept, those dropped (with why), and those refused (with why). */
    public record Filtered(List<String> kept, List<String> dropped, List<String> refused) {}

    private PipRequirements() {}

    public static Filtered filter(List<String> lines, String source) {
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String raw : lines) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                refused.add(source + ": '" + SafeZipReader.printable(line) + "' " + whyRefused(line));
            } else if (DROPPED.contains(normalize(m.group("name")))) {
                dropped.add(line + " (Gofer's image provides otter's notebook API itself)");
            } else if (!kept.contains(line)) {
                kept.add(line);
            }
        }
        return new Filtered(kept, dropped, refused);
    }

    /** PEP 503 normalisation: case and runs of '-', '_' and '.' do not matter. */
    static String normalize(String name) {
        return SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
    }

    /** pip takes '#' as a comment only at the start or after whitespace. */
    private static String stripComment(String line) {
        if (line.startsWith("#")) {
            return "";
        }
        int at = line.indexOf(" #");
        int tab = line.indexOf("\t#");
        int cut = at < 0 ? tab : tab < 0 ? at : Math.min(at, tab);
        return cut < 0 ? line : line.substring(0, cut);
    }

    private static String whyRefused(String line) {
        if (line.startsWith("-")) {
            return "is a pip option (-e, -r, -c, -f, --index-url, ... could install from elsewhere or read other "
                    + "files); list packages by name instead";
        }
        if (line.contains("://") || line.contains("@")) {
            return "names a URL or direct reference; list the package by name and version instead";
        }
        if (line.contains("/") || line.startsWith(".") || line.startsWith("~")) {
            return "is a local path; list the package by name and version instead";
        }
        return "is not a plain 'name[extras] version ; marker' requirement";
    }
}
