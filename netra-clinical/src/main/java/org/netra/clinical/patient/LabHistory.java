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

    /**
     * The baseline of {@code analyte} for a treatment that started on {@code start}: the value before
     * treatment, i.e. the latest on or before {@code start} (CTCAE v5 grades "increased" against it,
     * DOMAIN.md §2); when none was taken before, the first value on record.
     */
    public Optional<LabResult> baseline(Analyte analyte, LocalDate start) {
        return latest(analyte, start).or(() -> series(analyte).stream().findFirst());
    }
}
