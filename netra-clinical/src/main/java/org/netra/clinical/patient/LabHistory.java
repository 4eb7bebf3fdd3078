package org.netra.clinical.patient;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A patient's laboratory results, ordered by date. */
public record LabHistory(List<LabResult> results) {
    public LabHistory {
        results = results == null
                ? List.of()
                : results.stream().sorted(Comparator.comparing(LabResult::date)).toList();
    }

    /** The series of one analyte, oldest first. */
    public List<LabResult> series(Analyte analyte) {
        return results.stream().filter(r -> r.analyte() == analyte).toList();
    }

    /** The latest value of {@code analyte} taken on or before {@code date}. */
    public Optional<LabResult> latest(Analyte analyte, LocalDate date) {
        return series(analyte).stream().filter(r -> !r.date().isAfter(date)).reduce((a, b) -> b);
    }
}
