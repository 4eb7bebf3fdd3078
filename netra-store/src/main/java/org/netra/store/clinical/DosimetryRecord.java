package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.TumourDose;

/**
 * The dosimetry of one given cycle: kidney dose, effective half-life and BED, marrow dose (in
 * {@link CycleDosimetry}), the tumour doses ± SD, how they were obtained, and per region the time–activity
 * curve and DVH behind them (empty in records stored before they were kept).
 */
public record DosimetryRecord(
        String id,
        String patientId,
        String courseId,
        CycleDosimetry dosimetry,
        List<TumourDose> tumours,
        String method,
        List<RegionCurves> curves) {
    public DosimetryRecord {
        Keys.require(id, patientId, "dosimetry result");
        Objects.requireNonNull(courseId, "course of dosimetry " + id);
        Objects.requireNonNull(dosimetry, "dosimetry " + id);
        tumours = tumours == null ? List.of() : List.copyOf(tumours);
        method = method == null ? "" : method;
        curves = curves == null ? List.of() : List.copyOf(curves);
    }

    public DosimetryRecord(
            String id,
            String patientId,
            String courseId,
            CycleDosimetry dosimetry,
            List<TumourDose> tumours,
            String method) {
        this(id, patientId, courseId, dosimetry, tumours, method, List.of());
    }
}
