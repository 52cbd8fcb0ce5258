package org.gofer.lti;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/**
 * Passback configured in an assignment's {@code assignment.json}, for hubs whose user names are
 * the LMS's user ids (JupyterHub's LTI authenticator, as Data 8X ran): no launch through Gofer is
 * needed, the target is computed from the hub user name.
 *
 * <pre>
 * "lti": {
 *   "consumer_key": "edx",
 *   "outcome_url": "https://courses.edx.org/.../handler_noauth/outcome_service_handler",
 *   "sourcedid": "course-v1%3AX%2BY%2BZ:courses.edx.org-0123abcd:{user}"
 * }
 * </pre>
 *
 * {@code {user}} in {@code sourcedid} is replaced by the hub user name; a template without it is
 * a prefix, and {@code :{user}} is appended (gofer_service's {@code {sourcedid}:{user}}).
 * Immutable.
 */
public record AssignmentPassback(String consumerKey, String outcomeUrl, String sourcedidTemplate) {
    static final String USER = "{user}";

    /**
     * @param lti the assignment's {@code lti} block (missing or null: no passback configured)
     * @throws LtiException when the block is there but incomplete or malformed
     */
    public static Optional<AssignmentPassback> from(JsonNode lti) {
        if (lti == null || lti.isMissingNode() || lti.isNull()) {
            return Optional.empty();
        }
        if (!lti.isObject()) {
            throw new LtiException("assignment.json: \"lti\" must be an object");
        }
        if (!lti.hasNonNull("outcome_url") && !lti.hasNonNull("sourcedid")) {
            return Optional.empty(); // launch-only settings, nothing to pass back without a launch
        }
        String key = text(lti, "consumer_key");
        String url = text(lti, "outcome_url");
        String sourcedid = text(lti, "sourcedid");
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                throw new LtiException("assignment.json: lti.outcome_url must be an http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw new LtiException("assignment.json: lti.outcome_url is not a URL", e);
        }
        return Optional.of(new AssignmentPassback(key, url, sourcedid));
    }

    /** The target of {@code username}'s score. */
    public PassbackTarget targetFor(String username) {
        String sourcedid = sourcedidTemplate.contains(USER)
                ? sourcedidTemplate.replace(USER, username)
                : sourcedidTemplate + ":" + username;
        return new PassbackTarget(Lti11OutcomePublisher.PROTOCOL, consumerKey, outcomeUrl, sourcedid);
    }

    private static String text(JsonNode lti, String field) {
        JsonNode v = lti.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new LtiException("assignment.json: lti." + field + " is required (a non-empty string)");
        }
        return v.asText().trim();
    }
}
