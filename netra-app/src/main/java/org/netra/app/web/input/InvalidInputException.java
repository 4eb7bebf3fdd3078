package org.netra.app.web.input;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the user typed cannot be used: one message per field, in words the user can act on. */
public final class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> fields;

    public InvalidInputException(Map<String, String> fields) {
        super(summary(fields));
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Field name to message, in the order the form shows the fields. */
    public Map<String, String> fields() {
        return fields;
    }

    private static String summary(Map<String, String> fields) {
        var b = new StringBuilder();
        fields.forEach((f, m) ->
                b.append(b.isEmpty() ? "" : "; ").append(f).append(": ").append(m));
        return b.toString();
    }
}
