package org.gofer.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import org.gofer.Json;
import org.gofer.web.BadRequestException;

/** Reads the JSON object a write endpoint expects; anything else is a 400 that says so. Stateless. */
final class JsonBodies {
    private static final ObjectMapper JSON = Json.mapper();

    private JsonBodies() {}

    static JsonNode object(Context ctx) {
        try {
            JsonNode n = JSON.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getMessage());
        }
    }
}
