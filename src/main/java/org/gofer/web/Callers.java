package org.gofer.web;

import io.javalin.http.Context;
import org.gofer.hubauth.Caller;

/** The authenticated caller of a request, for route modules outside this package (pages). */
public final class Callers {
    /** The header a cookie-authenticated write must carry, with the session's XSRF token. */
    public static final String XSRF_HEADER = AuthGate.XSRF_HEADER;

    private Callers() {}

    /** The caller {@link AuthGate} resolved; routes behind the gate always have one. */
    public static Caller of(Context ctx) {
        return AuthGate.caller(ctx);
    }
}
