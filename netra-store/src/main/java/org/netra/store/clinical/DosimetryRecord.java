package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.TumourDose;

/**
 * The dosimetry of one given cycle: kidney dose, effective half-life and BED, marrow dose (in
 * {@link CycleDosimetry}), the tumour doses ± SD and how they were obtained. The per-region curves and DVHs
 * behind them are a {@link CycleCurves} record of the same id.
 */
public record DosimetryRecord(
        String id,
        String patientId,
        String courseId,
        CycleDosimetry dosimetry,
        List<TumourDose> tumours,
        String method) {
    public DosimetryRecord {
        Keys.require(id, patientId, "dosimetry result");
        Objects.requireNonNull(courseId, "course of dosimetry " + id);
        Objects.requireNonNull(dosimetry, "dosimetry " + id);
        tumours = tumours == null ? List.of() : List.copyOf(tumours);
        method = method == null ? "" : method;
    }
}
