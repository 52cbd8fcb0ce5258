package org.gofer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.gofer.Json;

/** Reads request bodies without ever holding more than the configured limit in memory. */
public final class RequestBodies {
    private RequestBodies() {}

    /** The JSON object a write endpoint expects; anything else is a 400 that says so. */
    public static JsonNode jsonObject(Context ctx) {
        try {
            JsonNode n = Json.mapper().readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getMessage());
        }
    }

    /** The media type without parameters, lower case; empty when absent. */
    static String mediaType(Context ctx) {
        String type = ctx.contentType();
        if (type == null) {
            return "";
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.equals("application/x-ipynb+json");
    }

    static boolean isMultipart(String mediaType) {
        return mediaType.equals("multipart/form-data");
    }

    /** Refuses at once a declared length over the limit (before authentication or parsing). */
    static void checkDeclaredLength(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }

    /**
     * Reads and discards what is left of a refused body, up to {@code cap} bytes, so that a client
     * still sending gets to read the 413 instead of a reset connection (browsers and Java's client
     * report a reset as "no response"). Beyond the cap the connection is closed unread, as before.
     */
    static void swallow(Context ctx, long cap) {
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            long left = cap;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
            if (left <= 0) {
                ctx.header("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the body was already read as a reader: nothing left to do
        }
    }

    /** The whole body, or 413 as soon as it passes {@code limit} bytes (also for chunked bodies). */
    static byte[] read(Context ctx, long limit) {
        try (InputStream in = ctx.req().getInputStream()) {
            return readBounded(in, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    static byte[] readBounded(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
        if (bytes.length > limit) {
            throw new PayloadTooLargeException(limit);
        }
        return bytes;
    }
}
