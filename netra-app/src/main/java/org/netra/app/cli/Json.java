package org.netra.app.cli;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one JSON writer of the command line: indented, stable key order as the records declare it. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** Reads {@code file} as {@code type}; unknown fields are an error; messages point at {@code format}. */
    static <T> T read(Path file, Class<T> type, String format) {
        var mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            T value = mapper.readValue(Files.readString(file), type);
            if (value == null) {
                // a document that is JSON's null (Jackson reads it as no object at all, and each command then failed
                // on the missing object: CliJsonFuzzTest's finding)
                throw new IllegalArgumentException(
                        file + ": the document is null, not a JSON object; give the object (format: " + format + ")");
            }
            return value;
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new IllegalArgumentException(file + where + ": " + describe(e) + " (format: " + format + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** What is wrong, in the user's words: the field (as a path like patient.weights[0].kg) and the problem. */
    static String describe(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String what =
                switch (e) {
                    case UnrecognizedPropertyException u -> "there is no field '" + u.getPropertyName() + "'";
                    case InvalidFormatException f -> "'" + f.getValue() + "' is not " + kind(f.getTargetType());
                    case MismatchedInputException m
                    when m.getTargetType() != null -> "expected " + kind(m.getTargetType());
                    case JsonParseException p
                    when p.getOriginalMessage().contains("Non-standard token") ->
                        "NaN and Infinity are not numbers JSON can carry; give a number, or leave the field out";
                    default -> plain(e.getOriginalMessage());
                };
        return field.isEmpty() ? what : "field '" + field + "': " + what;
    }

    private static String path(java.util.List<JsonMappingException.Reference> refs) {
        var b = new StringBuilder();
        for (var r : refs) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String kind(Class<?> type) {
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list [...]";
        }
        return "an object {...}";
    }

    /** Jackson's own wording without its hints to programmers (backticks, feature names, source references). */
    private static String plain(String message) {
        String m = message == null ? "not valid JSON" : message;
        int hint = m.indexOf(": enable");
        if (hint < 0) {
            hint = m.indexOf(" (for ");
        }
        if (hint < 0) {
            hint = m.indexOf('\n');
        }
        return (hint < 0 ? m : m.substring(0, hint)).replace("`", "'");
    }

    /** Runs {@code make} for an input field, naming {@code field} in the domain's refusal of its value. */
    static <T> T field(String field, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }
}
