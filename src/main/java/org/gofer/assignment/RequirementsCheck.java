package org.gofer.assignment;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an assignment's requirements file before it reaches {@code pip install -r}: only plain
 * requirement specifiers (name, extras, versions, environment markers), {@code #} comments and
 * {@code --hash} options. Everything that could make pip fetch from elsewhere or read other files
 * ({@code -e}, {@code -r}/{@code -c} includes, {@code --index-url}, {@code -f}, URLs, paths,
 * {@code ${VAR}} expansion) is refused, because the build runs with the host's network and pip
 * settings. Stateless.
 */
final class RequirementsCheck {
    static final int MAX_BYTES = 64 * 1024;

    private static final String NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
    private static final String VERSION = "(?:===|~=|==|!=|<=|>=|<|>)\\s*[A-Za-z0-9.*+!_-]+";
    private static final Pattern REQUIREMENT = Pattern.compile("^" + NAME
            + "(?:\\s*\\[\\s*(?:" + NAME + "(?:\\s*,\\s*" + NAME + ")*)?\\s*\\])?"
            + "(?:\\s*\\(?\\s*" + VERSION + "(?:\\s*,\\s*" + VERSION + ")*\\s*\\)?)?"
            + "(?:\\s*;\\s*[A-Za-z0-9_.'\"<>=!~() ,-]+)?\\s*$");
    private static final Pattern HASHES =
            Pattern.compile("^(?:\\s*--hash[=\\s]\\s*sha(?:256|384|512):[0-9a-fA-F]+)+\\s*$");
    /** pip's rule: '#' at the start of a line or after whitespace starts a comment. */
    private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#.*$");
    /** An option starts at the line's start or after whitespace. */
    private static final Pattern OPTION = Pattern.compile("(^|\\s)-");

    private RequirementsCheck() {}

    /**
     * @param file shown in messages (the path relative to the assignment)
     * @return how many requirements the file names
     * @throws AssignmentConfigException naming the line that is refused
     */
    static int check(String file, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw refused(file, 0, "the file is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        String text = utf8(file, bytes);
        String[] lines = text.split("\r?\n", -1);
        int count = 0;
        for (int i = 0; i < lines.length; i++) {
            int first = i + 1;
            StringBuilder logical = new StringBuilder(lines[i]);
            // pip joins a line ending in a backslash with the next one
            while (logical.toString().endsWith("\\") && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(lines[++i]);
            }
            String line = COMMENT.matcher(logical.toString()).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            checkLine(file, first, line);
            count++;
        }
        return count;
    }

    private static void checkLine(String file, int number, String line) {
        Matcher option = OPTION.matcher(line);
        String requirement = line;
        if (option.find()) {
            requirement = line.substring(0, option.start()).strip();
            String options = line.substring(option.start());
            if (requirement.isEmpty()) {
                throw refused(
                        file,
                        number,
                        "the option \"" + line.split("[\\s=]", 2)[0]
                                + "\" is not allowed (only requirement specifiers, # comments and --hash)");
            }
            if (!HASHES.matcher(options).matches()) {
                throw refused(
                        file,
                        number,
                        "only --hash=sha256:... may follow a requirement, not \"" + options.strip() + "\"");
            }
        }
        if (REQUIREMENT.matcher(requirement).matches()) {
            return;
        }
        String why;
        if (requirement.contains("://") || requirement.contains("@")) {
            why = "URLs and direct references (name @ url) are not allowed";
        } else if (requirement.contains("/") || requirement.contains("\\") || requirement.startsWith(".")) {
            why = "paths are not allowed";
        } else if (requirement.contains("$")) {
            why = "variables are not allowed";
        } else {
            why = "it is not a plain requirement specifier such as pyfiglet==1.0.2 or numpy>=1.24,<3";
        }
        throw refused(file, number, "\"" + requirement + "\": " + why);
    }

    private static String utf8(String file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw refused(file, 0, "the file is not UTF-8 text");
        }
    }

    private static AssignmentConfigException refused(String file, int line, String why) {
        return new AssignmentConfigException(
                "\"environment.requirements\": " + file + (line > 0 ? " line " + line : "") + " is refused: " + why,
                null);
    }
}
