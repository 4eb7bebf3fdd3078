package org.netra.clinical.patient;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/** One laboratory value in its analyte's canonical unit, with its sampling date. */
public record LabResult(Analyte analyte, double value, LocalDate date) {
    public LabResult {
        Objects.requireNonNull(analyte, "analyte");
        Objects.requireNonNull(date, "date of " + analyte.label());
        if (!Double.isFinite(value)) {
            throw new InvalidLabValueException(analyte.label() + " on " + date + " is not a number (" + value + ")");
        }
        if (value < analyte.plausibleMin() || value > analyte.plausibleMax()) {
            throw new InvalidLabValueException(String.format(
                    Locale.ROOT,
                    "%s %s %s on %s is impossible (a real value lies in %s–%s %s); check the value and its unit",
                    analyte.label(),
                    fmt(value),
                    analyte.unit().symbol(),
                    date,
                    fmt(analyte.plausibleMin()),
                    fmt(analyte.plausibleMax()),
                    analyte.unit().symbol()));
        }
    }

    /** A value as the lab reported it, converted to the canonical unit. */
    public static LabResult of(Analyte analyte, double value, LabUnit unit, LocalDate date) {
        if (!analyte.accepts(unit)) {
            throw new InvalidLabValueException("unit " + unit.symbol() + " does not fit " + analyte.label()
                    + "; use one of " + analyte.acceptedUnits());
        }
        if (value < 0) {
            throw new InvalidLabValueException(
                    analyte.label() + " on " + date + " cannot be negative, got " + fmt(value) + " " + unit.symbol());
        }
        return new LabResult(analyte, unit.toCanonical(value), date);
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v))
                .stripTrailingZeros()
                .toPlainString();
    }
}
