package org.netra.clinical.patient;

import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.physics.quantity.Mass;

/**
 * A patient: identity, sex, birth date and the series of body weights and heights (weight changes
 * over a course of PRRT, and the equations want the weight of the day).
 */
public record Patient(String id, Sex sex, LocalDate birthDate, List<Dated<Mass>> weights, List<Dated<Length>> heights) {
    public Patient {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a patient needs a non-empty id");
        }
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(birthDate, "birthDate");
        weights = sorted(weights);
        heights = sorted(heights);
        for (var w : weights) {
            if (w.value().inKg() < 0.3 || w.value().inKg() > 400) {
                throw new IllegalArgumentException("patient " + id + ": weight " + w.value() + " on " + w.date()
                        + " is impossible; give the weight in kilograms");
            }
        }
        for (var h : heights) {
            if (h.value().inCm() < 30 || h.value().inCm() > 260) {
                throw new IllegalArgumentException("patient " + id + ": height "
                        + h.value().inCm() + " cm on " + h.date() + " is impossible; give the height in centimetres");
            }
        }
    }

    /** Age in whole years on {@code date}. */
    public int ageOn(LocalDate date) {
        if (date.isBefore(birthDate)) {
            throw new IllegalArgumentException(
                    "patient " + id + ": date " + date + " is before the birth date " + birthDate);
        }
        return Period.between(birthDate, date).getYears();
    }

    /** The latest weight measured on or before {@code date}. */
    public Optional<Dated<Mass>> weightOn(LocalDate date) {
        return latest(weights, date);
    }

    /** The latest height measured on or before {@code date}. */
    public Optional<Dated<Length>> heightOn(LocalDate date) {
        return latest(heights, date);
    }

    private static <T> Optional<Dated<T>> latest(List<Dated<T>> series, LocalDate date) {
        return series.stream().filter(d -> !d.date().isAfter(date)).reduce((a, b) -> b);
    }

    private static <T> List<Dated<T>> sorted(List<Dated<T>> series) {
        return series == null
                ? List.of()
                : series.stream().sorted(Comparator.comparing(Dated::date)).toList();
    }
}
