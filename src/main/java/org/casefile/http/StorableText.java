package org.casefile.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import org.casefile.problem.ProblemException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Text PostgreSQL cannot store (a NUL character, U+0000) is refused where it enters, naming where it is: a query
 * parameter or the path (a request filter, before any work), a JSON body's field (its deserializer), so such a
 * request is a 400 that says what to remove, never a failed statement.
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    /** Whether PostgreSQL can store the text. */
    static boolean storable(String text) {
        return text == null || text.indexOf('\u0000') < 0;
    }

    static ProblemException refused(String where) {
        return ProblemException.badParameter(where, "'" + where + "' contains a NUL character (U+0000), which Casefile cannot store or "
                + "search for; remove it.");
    }

    @ServerRequestFilter(nonBlocking = true, priority = 900)
    public void check(RoutingContext routing) {
        if (!storable(routing.normalizedPath()) || !storable(routing.request().path())) {
            throw refused("path");
        }
        for (Map.Entry<String, String> parameter : routing.queryParams()) {
            if (!storable(parameter.getKey()) || !storable(parameter.getValue())) {
                throw refused(parameter.getKey().replace("\u0000", "\\u0000"));
            }
        }
    }

    @Override
    public void customize(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                if (!storable(value)) {
                    // A MismatchedInputException: the JSON problem mapper names the field's path.
                    return (String) context.handleWeirdStringValue(String.class, value,
                            "contains a NUL character (U+0000), which Casefile cannot store; remove it");
                }
                return value;
            }
        }));
    }
}
