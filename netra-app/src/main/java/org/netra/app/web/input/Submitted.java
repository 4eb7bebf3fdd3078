package org.netra.app.web.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * What a form or an API call sent, as field → text, so one validation ({@link FormFields}) serves the page and
 * the JSON API: a JSON body's numbers and strings become their text, null and absent fields are missing.
 */
public final class Submitted {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Submitted() {}

    public static FormFields form(Context ctx) {
        Map<String, String> values = new HashMap<>();
        ctx.formParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                values.put(k, v.getFirst());
            }
        });
        return new FormFields(values);
    }

    /** A JSON object body; anything else is a 400 naming what was expected. */
    public static FormFields json(Context ctx, String expected) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (java.io.IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(Map.of("body", "expected a JSON object " + expected));
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getValue().isNull()) {
                values.put(
                        e.getKey(),
                        e.getValue().isValueNode()
                                ? e.getValue().asText()
                                : e.getValue().toString());
            }
        }
        return new FormFields(values);
    }
}
