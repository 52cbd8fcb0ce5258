package org.gofer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Gofer's one Jackson setup: {@code Optional} as its value or null, instants as ISO-8601 strings,
 * records without properties as {@code {}}. Every stage takes its mapper from here; the shared
 * instances are thread-safe and must not be reconfigured.
 */
public final class Json {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());
    private static final ObjectMapper SNAKE_CASE =
            configure(new ObjectMapper()).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Json() {}

    /** The shared mapper, Java property names as they are. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The shared mapper of the wire formats people and scripts read (HTTP API, {@code gofer grade --json}). */
    public static ObjectMapper snakeCase() {
        return SNAKE_CASE;
    }

    /** A new mapper with the same setup over another factory: YAML, or a parser with its own limits. */
    public static ObjectMapper over(JsonFactory factory) {
        return configure(new ObjectMapper(factory));
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
