package org.netra.app.web.input;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.physics.quantity.Activity;

/**
 * Reads typed values out of a form or a JSON body, field by field, collecting one message per field in
 * {@link FieldErrors}: a missing value, a date-time not to the minute, a number outside what is possible,
 * an activity without a known unit. Values are strings as typed; each reader returns empty when the field
 * is refused, so the caller builds nothing from a bad form.
 */
public final class FormFields {
    /** Activity units as people write them, to the factor of one GBq. */
    private static final Map<String, Double> ACTIVITY_UNITS = Map.of("GBq", 1.0, "MBq", 1e-3, "mCi", 0.037);

    private final Map<String, String> values;
    private final FieldErrors errors = new FieldErrors();

    public FormFields(Map<String, String> values) {
        this.values = values;
    }

    /** The values as sent, to show a refused form again as it was typed. */
    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public FieldErrors errors() {
        return errors;
    }

    public String text(String field) {
        String v = values.get(field);
        return v == null ? "" : v.strip();
    }

    public Optional<String> required(String field, int maxLength) {
        String v = text(field);
        errors.check(!v.isEmpty(), field, "required");
        errors.check(v.length() <= maxLength, field, "at most " + maxLength + " characters");
        return v.isEmpty() || v.length() > maxLength ? Optional.empty() : Optional.of(v);
    }

    /** A wall-clock time to the minute ({@code 2025-03-03T09:30}, as a datetime-local field sends it). */
    public Optional<LocalDateTime> dateTime(String field, boolean required) {
        String v = text(field);
        if (v.isEmpty()) {
            errors.check(!required, field, "required: date and time to the minute, e.g. 2025-03-03T09:30");
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(v.replace(' ', 'T')).truncatedTo(ChronoUnit.MINUTES));
        } catch (DateTimeParseException e) {
            errors.check(false, field, "not a date and time: '" + v + "'; write it as 2025-03-03T09:30");
            return Optional.empty();
        }
    }

    public Optional<LocalDate> date(String field, boolean required) {
        String v = text(field);
        if (v.isEmpty()) {
            errors.check(!required, field, "required: a date, e.g. 2025-03-03");
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(v));
        } catch (DateTimeParseException e) {
            errors.check(false, field, "not a date: '" + v + "'; write it as 2025-03-03");
            return Optional.empty();
        }
    }

    /** A number within [min, max], in the unit the label states. */
    public Optional<Double> number(String field, double min, double max, String unit) {
        String v = text(field).replace(',', '.');
        if (v.isEmpty()) {
            errors.check(false, field, "required (" + unit + ")");
            return Optional.empty();
        }
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            errors.check(false, field, "not a number: '" + v + "' (" + unit + ")");
            return Optional.empty();
        }
        if (!Double.isFinite(x) || x < min || x > max) {
            errors.check(
                    false, field, String.format(Locale.ROOT, "must be between %s and %s %s", fmt(min), fmt(max), unit));
            return Optional.empty();
        }
        return Optional.of(x);
    }

    public Optional<Integer> integer(String field, int min, int max) {
        return number(field, min, max, "").flatMap(x -> {
            if (x != Math.rint(x)) {
                errors.check(false, field, "a whole number between " + min + " and " + max);
                return Optional.empty();
            }
            return Optional.of(x.intValue());
        });
    }

    /**
     * An activity typed as a number in {@code field} and a unit in {@code field + "Unit"} (GBq, MBq or mCi);
     * at most {@code maxGBq}.
     */
    public Optional<Activity> activity(String field, double maxGBq) {
        String unit = text(field + "Unit");
        Double perGBq = ACTIVITY_UNITS.get(unit);
        if (perGBq == null) {
            errors.check(false, field + "Unit", "unit '" + unit + "' is not an activity unit; use GBq, MBq or mCi");
            return Optional.empty();
        }
        return number(field, 0, maxGBq / perGBq, unit).map(x -> Activity.ofGBq(x * perGBq));
    }

    /** The record version the form was made from (optimistic locking); 0 when the form creates the record. */
    public int version() {
        String v = text("version");
        if (v.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            errors.check(n >= 0, "version", "the version the form was loaded with, 0 or more");
            return n;
        } catch (NumberFormatException e) {
            errors.check(false, "version", "not a version number: '" + v + "'");
            return -1;
        }
    }

    public void throwIfAny() {
        errors.throwIfAny();
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
