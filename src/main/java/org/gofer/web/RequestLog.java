package org.gofer.web;

import io.javalin.http.Context;
import java.util.regex.Pattern;
import org.gofer.hubauth.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One access-log line per request, with every {@code token=} value redacted (as the hub logs {@code [secret]}). */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.gofer.web.access");
    private static final Pattern TOKEN = Pattern.compile("(?i)((?:^|[?&;])(?:token|code|state|_xsrf)=)[^&;#]*");

    private RequestLog() {}

    static void log(Context ctx, Float millis) {
        String query = ctx.queryString();
        String target = ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
        Caller caller = AuthGate.callerOrNull(ctx);
        LOG.info(
                "{} {} {} {}ms user={}",
                ctx.method(),
                redact(target),
                ctx.statusCode(),
                millis == null ? "?" : Math.round(millis),
                caller == null ? "-" : caller.name());
    }

    /** Replaces the values of token-like query parameters with {@code [secret]}. */
    static String redact(String target) {
        return TOKEN.matcher(target).replaceAll("$1[secret]");
    }
}
