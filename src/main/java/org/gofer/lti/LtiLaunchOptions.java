package org.gofer.lti;

import java.time.Duration;
import java.util.Map;
import org.gofer.config.AppConfig;

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
    public LtiLaunchOptions {
        assignmentsByResourceLink = Map.copyOf(assignmentsByResourceLink);
    }

    public static LtiLaunchOptions defaults() {
        return fromConfig(new AppConfig.Lti(java.util.Optional.empty(), Map.of()));
    }

    /** The mapping {@link org.gofer.config.ConfigLoader} read and checked, with the default timestamp window. */
    public static LtiLaunchOptions fromConfig(AppConfig.Lti lti) {
        return new LtiLaunchOptions(
                lti.assignmentsByResourceLink(),
                lti.usernameParameter(),
                lti.lowercaseUsername(),
                Duration.ofMinutes(5));
    }
}
