package org.gofer.lti;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.gofer.assignment.AssignmentKey;
import org.gofer.assignment.InvalidAssignmentKeyException;
import org.gofer.config.AppConfig;
import org.imsglobal.lti.launch.LtiOauthVerifier;
import org.imsglobal.lti.launch.LtiVerificationException;
import org.imsglobal.lti.launch.LtiVerificationResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts LTI 1.1 launches: checks them (HMAC-SHA1 only, a known consumer key, the timestamp
 * window, basiclti-util's signature check against the launch URL from configuration, a nonce used
 * once) and binds the LMS user to a hub user and an assignment, keeping the latest outcome URL
 * and {@code lis_result_sourcedid}. A launch that fails any check stores nothing. Thread-safe.
 */
public final class LtiLaunchService {
    private static final Logger LOG = LoggerFactory.getLogger(LtiLaunchService.class);
    private static final int MAX_PARAMETERS = 300;
    private static final int MAX_VALUE_CHARS = 8192;

    private final Jdbi jdbi;
    private final Map<String, String> consumers;
    private final String launchUrl;
    private final String hubUrl;
    private final LtiLaunchOptions options;
    private final Predicate<AssignmentKey> assignmentExists;
    private final Clock clock;

    /**
     * @param lti consumers and the public URL (launches are refused when either is missing)
     * @param prefix the service prefix, e.g. {@code /services/gofer/}
     * @param assignmentExists whether an assignment directory exists (AssignmentCatalog::exists)
     */
    public LtiLaunchService(
            Jdbi jdbi,
            AppConfig.Lti lti,
            String prefix,
            LtiLaunchOptions options,
            Predicate<AssignmentKey> assignmentExists,
            Clock clock) {
        this.jdbi = jdbi;
        this.consumers = Map.copyOf(lti.consumers());
        String base = lti.publicUrl()
                .map(URI::toString)
                .map(s -> s.replaceAll("/+$", ""))
                .orElse(null);
        this.launchUrl = base == null ? null : base + prefix + "lti/launch";
        this.hubUrl = base == null ? null : base + prefix.replaceFirst("services/[^/]+/$", "") + "hub/";
        this.options = options;
        this.assignmentExists = assignmentExists;
        this.clock = clock;
    }

    /** The URL to configure in the LMS; empty when LTI is off. */
    public java.util.Optional<String> launchUrl() {
        return java.util.Optional.ofNullable(launchUrl);
    }

    /**
     * @param form the launch's form fields, as received
     * @param queryString the request's query string (part of what was signed), or null
     * @throws LaunchRejectedException when the launch is not accepted
     */
    public LaunchResult launch(Map<String, List<String>> form, String queryString) {
        if (launchUrl == null || consumers.isEmpty()) {
            throw new LaunchRejectedException(
                    503,
                    "LTI launches are not enabled on this service "
                            + "(GOFER_PUBLIC_URL and GOFER_LTI_CONSUMERS must be set).");
        }
        Map<String, String> p = singleValued(form);
        String key = require(p, "oauth_consumer_key");
        if (!"HMAC-SHA1".equals(p.get("oauth_signature_method"))) {
            throw new LaunchRejectedException(401, "Only HMAC-SHA1 signed launches are accepted.");
        }
        require(p, "oauth_signature");
        require(p, "oauth_nonce");
        String secret = consumers.get(key);
        if (secret == null) {
            throw new LaunchRejectedException(401, "The LMS used a consumer key this service does not know.");
        }
        if (p.containsKey("oauth_version") && !"1.0".equals(p.get("oauth_version"))) {
            throw new LaunchRejectedException(400, "Only OAuth 1.0 launches are accepted.");
        }
        checkTimestamp(require(p, "oauth_timestamp"));
        verifySignature(p, queryString, secret);
        LtiBinding binding = binding(key, p);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM lti_nonces WHERE seen_at < :before")
                    .bind(
                            "before",
                            now.minus(options.timestampWindow().multipliedBy(2)).toEpochMilli())
                    .execute();
            int fresh = h.createUpdate("""
                            INSERT OR IGNORE INTO lti_nonces (consumer_key, nonce, seen_at) VALUES (:k, :n, :now)
                            """)
                    .bind("k", key)
                    .bind("n", p.get("oauth_nonce"))
                    .bind("now", now.toEpochMilli())
                    .execute();
            if (fresh == 0) {
                throw new LaunchRejectedException(
                        401, "This launch was already used. Open the activity again " + "from your course page.");
            }
            LtiBindingDao.upsert(h, binding, now);
        });
        LOG.info(
                "LTI launch: consumer {} link {} -> hub user {} assignment {} (grades: {})",
                key,
                binding.resourceLinkId(),
                binding.username(),
                binding.assignment(),
                binding.acceptsGrades());
        return new LaunchResult(binding, hubUrl);
    }

    private void checkTimestamp(String value) {
        long ts;
        try {
            ts = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LaunchRejectedException(400, "The launch's timestamp is not a number.");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - ts);
        if (skew > options.timestampWindow().toSeconds()) {
            throw new LaunchRejectedException(
                    401,
                    "The launch is too old (or the LMS's clock is off by more than "
                            + options.timestampWindow().toMinutes() + " minutes). Open the activity again from your "
                            + "course page.");
        }
    }

    private void verifySignature(Map<String, String> p, String queryString, String secret) {
        String url = queryString == null || queryString.isEmpty() ? launchUrl : launchUrl + "?" + queryString;
        LtiVerificationResult result;
        try {
            result = new LtiOauthVerifier().verifyParameters(p, url, "POST", secret);
        } catch (LtiVerificationException | RuntimeException e) {
            // the library's messages include every parameter: log only the type
            LOG.info("LTI launch refused: verifier error {}", e.getClass().getSimpleName());
            throw new LaunchRejectedException(401, "The launch's signature could not be checked.");
        }
        if (result == null || !Boolean.TRUE.equals(result.getSuccess())) {
            LOG.info(
                    "LTI launch refused for consumer {}: {}",
                    p.get("oauth_consumer_key"),
                    result == null ? "no result" : result.getError());
            throw new LaunchRejectedException(
                    401,
                    "The launch's signature does not match. Check the consumer "
                            + "key and secret, and that the LMS launches exactly " + launchUrl);
        }
    }

    private LtiBinding binding(String key, Map<String, String> p) {
        if (!"basic-lti-launch-request".equals(p.get("lti_message_type"))) {
            throw new LaunchRejectedException(400, "Only basic-lti-launch-request messages are accepted.");
        }
        String version = p.get("lti_version");
        if (!"LTI-1p0".equals(version) && !"LTI-1p1".equals(version)) {
            throw new LaunchRejectedException(400, "Only LTI 1.x launches are accepted (lti_version LTI-1p0).");
        }
        String link = require(p, "resource_link_id");
        String lmsUser = require(p, "user_id");
        String username = require(p, options.usernameParameter()).trim();
        if (options.lowercaseUsername()) {
            username = username.toLowerCase(Locale.ROOT);
        }
        if (username.isEmpty() || username.length() > 255 || username.chars().anyMatch(Character::isISOControl)) {
            throw new LaunchRejectedException(400, "The LMS user cannot be a hub user name.");
        }
        String assignment = options.assignmentsByResourceLink().getOrDefault(link, p.get("custom_gofer_assignment"));
        if (assignment == null || assignment.isBlank()) {
            throw new LaunchRejectedException(
                    400,
                    "This course link does not say which assignment it is: add the "
                            + "custom parameter gofer_assignment=course/section/assignment in the LMS.");
        }
        AssignmentKey assignmentKey;
        try {
            assignmentKey = AssignmentKey.parse(assignment.trim());
        } catch (InvalidAssignmentKeyException e) {
            throw new LaunchRejectedException(400, "The link names an invalid assignment: " + e.getMessage());
        }
        if (!assignmentExists.test(assignmentKey)) {
            throw new LaunchRejectedException(
                    404, "The link names assignment " + assignmentKey + ", which this service does not have.");
        }
        String outcomeUrl = blankToNull(p.get("lis_outcome_service_url"));
        String sourcedid = blankToNull(p.get("lis_result_sourcedid"));
        if (outcomeUrl == null || sourcedid == null) {
            outcomeUrl = null;
            sourcedid = null;
        } else if (!outcomeUrl.startsWith("https://") && !outcomeUrl.startsWith("http://")) {
            throw new LaunchRejectedException(400, "The LMS sent an outcome service URL that is not http(s).");
        }
        Instant now = clock.instant();
        return new LtiBinding(
                0,
                key,
                link,
                lmsUser,
                username,
                assignmentKey.toString(),
                outcomeUrl,
                sourcedid,
                p.get("roles"),
                now,
                now,
                1);
    }

    private static Map<String, String> singleValued(Map<String, List<String>> form) {
        if (form.size() > MAX_PARAMETERS) {
            throw new LaunchRejectedException(400, "The launch has too many parameters.");
        }
        Map<String, String> out = new HashMap<>();
        form.forEach((name, values) -> {
            if (values.size() != 1) {
                throw new LaunchRejectedException(
                        400, "The launch parameter " + printable(name) + " was sent more than once.");
            }
            if (values.get(0).length() > MAX_VALUE_CHARS) {
                throw new LaunchRejectedException(400, "The launch parameter " + printable(name) + " is too long.");
            }
            out.put(name, values.get(0));
        });
        return out;
    }

    private static String require(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new LaunchRejectedException(400, "The launch is missing " + name + ".");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String printable(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /**
     * @param binding what was stored
     * @param hubUrl where the student works (the hub's home)
     */
    public record LaunchResult(LtiBinding binding, String hubUrl) {}
}
