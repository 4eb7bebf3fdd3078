package org.netra.app.web.input;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects every problem of a form before refusing it, so the user fixes them all at once. */
public final class FieldErrors {
    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Records {@code message} for {@code field} when {@code ok} is false (the first message per field wins). */
    public FieldErrors check(boolean ok, String field, String message) {
        if (!ok) {
            errors.putIfAbsent(field, message);
        }
        return this;
    }

    /** Records {@code message} for {@code field} unless it already has one. */
    public FieldErrors add(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
