package org.netra.app.web.input;

import io.javalin.http.Context;
import java.util.Map;

/** Reads a JSON request body, refusing malformed JSON with a 400 that says what was expected. */
public final class JsonBody {
    private JsonBody() {}

    public static <T> T read(Context ctx, Class<T> type, String expected) {
        try {
            T value = ctx.bodyAsClass(type);
            if (value == null) {
                throw new IllegalArgumentException("empty body");
            }
            return value;
        } catch (Exception e) { // Javalin's Kotlin mapper throws Jackson's checked exceptions undeclared
            throw new InvalidInputException(Map.of("body", "expected JSON " + expected));
        }
    }
}
