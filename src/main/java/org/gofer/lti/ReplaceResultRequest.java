package org.gofer.lti;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import net.oauth.OAuth;
import net.oauth.OAuthAccessor;
import net.oauth.OAuthConsumer;
import net.oauth.OAuthException;
import net.oauth.OAuthMessage;
import org.imsglobal.pox.IMSPOXRequest;

/**
 * A signed LTI 1.1 {@code replaceResult} request, built fresh for every attempt (new message id,
 * nonce and timestamp; never the same signed bytes twice).
 *
 * <p>The XML comes from basiclti-util's {@code ReplaceResultMessageTemplate} with every value
 * XML-escaped here. Signing uses net.oauth (basiclti-util's own OAuth library) for the HMAC-SHA1
 * signature over an {@code oauth_body_hash} we compute over the exact UTF-8 bytes that are sent,
 * instead of basiclti-util's {@code IMSPOXRequest}, which hashes in the platform charset.
 *
 * @param body the exact bytes to send
 * @param authorization the {@code Authorization: OAuth ...} header value
 * @param messageId the {@code imsx_messageIdentifier}
 * @param bodySha1 base64 SHA-1 of {@code body} (the {@code oauth_body_hash})
 */
public record ReplaceResultRequest(byte[] body, String authorization, String messageId, String bodySha1) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param score an already formatted score ({@link PassbackScore#format})
     * @throws LtiException when a value cannot be put in XML or the request cannot be signed
     */
    public static ReplaceResultRequest build(
            String url,
            String consumerKey,
            String secret,
            String sourcedid,
            String score,
            String messageId,
            Instant now) {
        String xml = String.format(
                Locale.ROOT,
                IMSPOXRequest.ReplaceResultMessageTemplate,
                xmlText(messageId),
                xmlText(sourcedid),
                xmlText(score),
                "");
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        String bodyHash = Base64.getEncoder().encodeToString(sha1(body));
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        OAuthConsumer consumer = new OAuthConsumer(null, consumerKey, secret, null);
        consumer.setProperty(OAuth.OAUTH_SIGNATURE_METHOD, OAuth.HMAC_SHA1);
        OAuthMessage message = new OAuthMessage(
                OAuthMessage.POST,
                url,
                List.of(
                        new OAuth.Parameter("oauth_body_hash", bodyHash),
                        new OAuth.Parameter(OAuth.OAUTH_NONCE, HexFormat.of().formatHex(nonce)),
                        new OAuth.Parameter(OAuth.OAUTH_TIMESTAMP, Long.toString(now.getEpochSecond()))));
        try {
            message.addRequiredParameters(new OAuthAccessor(consumer));
            return new ReplaceResultRequest(body, message.getAuthorizationHeader(null), messageId, bodyHash);
        } catch (OAuthException | IOException | URISyntaxException e) {
            throw new LtiException("cannot sign the outcome request: " + e.getMessage(), e);
        }
    }

    /** Escapes XML text; refuses characters XML 1.0 cannot carry, which no LMS could parse. */
    static String xmlText(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        throw new LtiException(
                                "a value in the outcome request contains a control character" + " XML cannot carry");
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
