package org.netra.app.web.input;

import java.util.List;
import java.util.Map;

/**
 * A data-entry page as {@code form.jte} draws it: sections of labelled fields, the values as typed, one
 * message per field in error, an alert for the whole form (a stale save, a duplicate), and where "back" goes.
 * Every form of the clinical pages uses it, so they look and behave alike (labels, errors, keyboard order).
 */
public record FormPage(
        String heading,
        String lead,
        String action,
        List<Section> sections,
        Map<String, String> values,
        Map<String, String> errors,
        String alert,
        String submit,
        String back) {

    public FormPage {
        values = values == null ? Map.of() : Map.copyOf(values);
        errors = errors == null ? Map.of() : Map.copyOf(errors);
        alert = alert == null ? "" : alert;
        lead = lead == null ? "" : lead;
    }

    /**
     * A group of fields under a legend; {@code columns} &gt; 0 lays them out that many to a row (one lesion or
     * finding per row), 0 as many as fit.
     */
    public record Section(String legend, String hint, List<Field> fields, int columns) {
        public Section(String legend, String hint, List<Field> fields) {
            this(legend, hint, fields, 0);
        }
    }

    /**
     * One input. {@code type}: text, date, datetime-local, number, select, checkbox, hidden, or quantity (a
     * number with a unit chosen from {@code options}, the unit's field named {@code name + "Unit"}).
     */
    public record Field(String name, String label, String type, List<Option> options, String hint) {
        public static Field of(String name, String label, String type) {
            return new Field(name, label, type, List.of(), "");
        }

        public static Field select(String name, String label, List<Option> options) {
            return new Field(name, label, "select", options, "");
        }

        public Field hint(String text) {
            return new Field(name, label, type, options, text);
        }

        public String unitName() {
            return name + "Unit";
        }
    }

    /** A choice: the value sent and the words shown. */
    public record Option(String value, String label) {}

    /** The same page showing {@code newErrors} and {@code newAlert} over the values as typed. */
    public FormPage failed(Map<String, String> typed, Map<String, String> newErrors, String newAlert) {
        return new FormPage(heading, lead, action, sections, typed, newErrors, newAlert, submit, back);
    }

    /** A number as the forms show it: at most four significant digits, no trailing zeros (64.5, 168, 0.12). */
    public static String number(double v) {
        return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.4g", v))
                .stripTrailingZeros()
                .toPlainString();
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public String error(String name) {
        return errors.get(name);
    }

    public boolean selected(String name, String option) {
        return option.equalsIgnoreCase(value(name));
    }

    public boolean checked(String name) {
        String v = value(name).toLowerCase(java.util.Locale.ROOT);
        return v.equals("on") || v.equals("true") || v.equals("yes");
    }
}
