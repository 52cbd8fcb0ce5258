package org.gofer.lti;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.InvalidAssignmentKeyException;
import org.gofer.config.ConfigException;

/**
 * How launches map to Gofer's assignments and hub users. Immutable.
 *
 * @param assignmentsByResourceLink resource_link_id → course/section/assignment, for links whose
 *     LMS cannot send {@code custom_gofer_assignment}; wins over the custom parameter
 *     ({@code GOFER_LTI_ASSIGNMENTS="link=course/section/name,..."})
 * @param usernameParameter the launch parameter holding the hub user name; {@code user_id} by
 *     default, which is what JupyterHub's LTI authenticator uses ({@code GOFER_LTI_USERNAME_PARAM})
 * @param lowercaseUsername lower-case it, as JupyterHub normalises user names
 *     ({@code GOFER_LTI_USERNAME_LOWERCASE}, default true)
 * @param timestampWindow how far a launch's timestamp may be from our clock, either way
 */
public record LtiLaunchOptions(
        Map<String, String> assignmentsByResourceLink,
        String usernameParameter,
        boolean lowercaseUsername,
        Duration timestampWindow) {
    private static final Pattern PARAM = Pattern.compile("[a-z0-9_]{1,64}");

    public LtiLaunchOptions {
        assignmentsByResourceLink = Map.copyOf(assignmentsByResourceLink);
    }

    public static LtiLaunchOptions defaults() {
        return new LtiLaunchOptions(Map.of(), "user_id", true, Duration.ofMinutes(5));
    }

    /**
     * Reads {@code GOFER_LTI_ASSIGNMENTS}, {@code GOFER_LTI_USERNAME_PARAM} and
     * {@code GOFER_LTI_USERNAME_LOWERCASE}.
     *
     * @throws ConfigException naming the bad variable
     */
    public static LtiLaunchOptions fromEnvironment(Map<String, String> env) {
        Map<String, String> links = new LinkedHashMap<>();
        String raw = env.getOrDefault("GOFER_LTI_ASSIGNMENTS", "");
        for (String entry : raw.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new ConfigException("GOFER_LTI_ASSIGNMENTS: expected resource_link_id=course/section/assignment");
            }
            String assignment = entry.substring(eq + 1).trim();
            try {
                AssignmentKey.parse(assignment);
            } catch (InvalidAssignmentKeyException e) {
                throw new ConfigException("GOFER_LTI_ASSIGNMENTS: " + e.getMessage());
            }
            links.put(entry.substring(0, eq).trim(), assignment);
        }
        String param = env.getOrDefault("GOFER_LTI_USERNAME_PARAM", "user_id").trim();
        if (!PARAM.matcher(param).matches()) {
            throw new ConfigException("GOFER_LTI_USERNAME_PARAM: expected a launch parameter name like user_id");
        }
        String lower = env.getOrDefault("GOFER_LTI_USERNAME_LOWERCASE", "true").trim();
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new ConfigException("GOFER_LTI_USERNAME_LOWERCASE: expected true or false");
        }
        return new LtiLaunchOptions(links, param, Boolean.parseBoolean(lower), Duration.ofMinutes(5));
    }
}
