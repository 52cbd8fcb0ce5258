package org.gofer.web;

import io.javalin.http.Context;

/** Reads bounded numeric query parameters; a bad one is a 400 that names the parameter and its range. */
public final class QueryParams {
    private QueryParams() {}

    /** The parameter's value, {@code fallback} when absent; outside {@code min..max} or not a number: 400. */
    public static long number(Context ctx, String name, long fallback, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadRequestException(
                "query parameter '" + name + "' must be a whole number from " + min + " to " + max);
    }
}
