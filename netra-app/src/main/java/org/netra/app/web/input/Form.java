package org.netra.app.web.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one submitted form, read the same way from an HTML form post and from the JSON API (a flat
 * JSON object with the form's field names): typed getters collect every problem as a message for its field,
 * and {@link #done()} refuses the whole form with all of them at once. A blank field counts as not given.
 */
public final class Form {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> values;
    private final FieldErrors errors = new FieldErrors();

    public Form(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** The request's fields: the JSON object of an /api/ request, else the posted form. */
    public static Form of(Context ctx) {
        if (ctx.path().startsWith("/api/")) {
            return ofJson(ctx.body());
        }
        Map<String, String> v = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, list) -> {
            if (!k.equals("_csrf") && !list.isEmpty()) {
                v.put(k, list.getLast());
            }
        });
        return new Form(v);
    }

    static Form ofJson(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body == null ? "" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(
                    Map.of("body", "expected a JSON object whose members are the form's fields"));
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (var e : node.properties()) {
            JsonNode x = e.getValue();
            if (!x.isNull()) {
                v.put(e.getKey(), x.isValueNode() ? x.asText() : x.toString());
            }
        }
        return new Form(v);
    }

    /** The values as typed, to show the form again. */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public boolean given(String field) {
        String v = values.get(field);
        return v != null && !v.isBlank();
    }

    /** The value as typed (stripped), or empty when blank. */
    public Optional<String> optionalText(String field, String label, int maxLength) {
        if (!given(field)) {
            return Optional.empty();
        }
        String v = values.get(field).strip();
        if (v.length() > maxLength) {
            errors.add(field, label + " is longer than " + maxLength + " characters");
            return Optional.empty();
        }
        return Optional.of(v);
    }

    public String text(String field, String label, int maxLength) {
        return require(optionalText(field, label, maxLength), field, label, "");
    }

    public Optional<LocalDate> optionalDate(String field, String label) {
        if (!given(field)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(values.get(field).strip()));
        } catch (DateTimeParseException e) {
            errors.add(
                    field,
                    label + " must be a date as YYYY-MM-DD, got '"
                            + values.get(field).strip() + "'");
            return Optional.empty();
        }
    }

    public LocalDate date(String field, String label) {
        return require(optionalDate(field, label), field, label, LocalDate.EPOCH);
    }

    /** A date and time to the minute (seconds are dropped), as YYYY-MM-DDTHH:MM. */
    public LocalDateTime dateTime(String field, String label) {
        if (!given(field)) {
            errors.add(field, label + " is required");
            return LocalDateTime.of(LocalDate.EPOCH, java.time.LocalTime.MIDNIGHT);
        }
        try {
            return LocalDateTime.parse(values.get(field).strip().replace(' ', 'T'))
                    .truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeParseException e) {
            errors.add(
                    field,
                    label + " must be a date and time as YYYY-MM-DDTHH:MM, got '"
                            + values.get(field).strip() + "'");
            return LocalDateTime.of(LocalDate.EPOCH, java.time.LocalTime.MIDNIGHT);
        }
    }

    public Optional<Double> optionalNumber(String field, String label) {
        if (!given(field)) {
            return Optional.empty();
        }
        String raw = values.get(field).strip().replace(',', '.');
        try {
            double v = Double.parseDouble(raw);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return Optional.of(v);
        } catch (NumberFormatException e) {
            errors.add(
                    field,
                    label + " must be a number, got '" + values.get(field).strip() + "'");
            return Optional.empty();
        }
    }

    public double number(String field, String label) {
        return require(optionalNumber(field, label), field, label, 0.0);
    }

    public Optional<Integer> optionalInteger(String field, String label) {
        if (!given(field)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(values.get(field).strip()));
        } catch (NumberFormatException e) {
            errors.add(
                    field,
                    label + " must be a whole number, got '" + values.get(field).strip() + "'");
            return Optional.empty();
        }
    }

    public int integer(String field, String label) {
        return require(optionalInteger(field, label), field, label, 0);
    }

    /** The version of the record the form was filled from (optimistic locking). */
    public int version() {
        int v = integer("version", "version (of the record you edited)");
        if (v < 0) {
            errors.add("version", "version must be 0 or more, got " + v);
        }
        return v;
    }

    /** A checkbox: given as "on", "true" or "yes" (any case). */
    public boolean flag(String field) {
        return given(field)
                && switch (values.get(field).strip().toLowerCase(Locale.ROOT)) {
                    case "on", "true", "yes", "1" -> true;
                    default -> false;
                };
    }

    /** One of {@code type}'s constants, written as its name in any case, spaces for underscores. */
    public <E extends Enum<E>> Optional<E> optionalChoice(String field, String label, Class<E> type) {
        if (!given(field)) {
            return Optional.empty();
        }
        String v = values.get(field)
                .strip()
                .toUpperCase(Locale.ROOT)
                .replace(' ', '_')
                .replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return Optional.of(e);
            }
        }
        errors.add(
                field,
                label + " must be one of "
                        + java.util.Arrays.stream(type.getEnumConstants())
                                .map(e -> e.name().toLowerCase(Locale.ROOT))
                                .toList()
                        + ", got '" + values.get(field).strip() + "'");
        return Optional.empty();
    }

    public <E extends Enum<E>> E choice(String field, String label, Class<E> type) {
        return require(optionalChoice(field, label, type), field, label, type.getEnumConstants()[0]);
    }

    /** Records a problem found while using the values (a domain rule refused them). */
    public Form fail(String field, String message) {
        errors.add(field, message);
        return this;
    }

    public boolean hasError(String field) {
        return errors.has(field);
    }

    /** Refuses the form when any field had a problem. */
    public void done() {
        errors.throwIfAny();
    }

    private <T> T require(Optional<T> v, String field, String label, T placeholder) {
        if (v.isPresent()) {
            return v.get();
        }
        if (!given(field)) {
            errors.add(field, label + " is required");
        }
        return placeholder;
    }
}
