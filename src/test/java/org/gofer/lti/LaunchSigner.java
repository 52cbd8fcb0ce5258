package org.gofer.lti;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Signs LTI 1.1 launches as an LMS would, with oauthlib ({@code src/test/resources/lti/sign_launch.py}),
 * so that Gofer's own OAuth code is never what checks itself.
 */
public final class LaunchSigner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LaunchSigner() {}

    /** An HMAC-SHA1 launch body signed now. */
    public static String sign(String url, String key, String secret, Map<String, String> params) throws Exception {
        return sign(url, key, secret, "HMAC-SHA1", null, params);
    }

    /** The form body of the signed launch; {@code timestamp} null means now. */
    static String sign(
            String url, String key, String secret, String method, String timestamp, Map<String, String> params)
            throws Exception {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("url", url);
        spec.put("key", key);
        spec.put("secret", secret);
        spec.put("signature_method", method);
        spec.put("params", params);
        if (timestamp != null) {
            spec.put("timestamp", timestamp);
        }
        Process p = new ProcessBuilder(
                        OutcomePeer.PYTHON, OutcomePeer.script("sign_launch.py").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            p.getOutputStream().write(JSON.writeValueAsBytes(spec));
            p.getOutputStream().close();
            String body = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.SECONDS) || p.exitValue() != 0 || body.isEmpty()) {
                throw new IllegalStateException("sign_launch.py failed");
            }
            return body;
        } finally {
            p.destroy();
        }
    }
}
