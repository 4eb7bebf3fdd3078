package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.TumourDose;

/**
 * The dosimetry of one given cycle: kidney dose, effective half-life and BED, marrow dose (in
 * {@link CycleDosimetry}), the tumour doses ± SD and how they were obtained. The per-region curves and DVHs
 * behind them are a {@link CycleCurves} record of the same id.
 *
 * @param acquisition camera, reconstruction and corrections from the images' headers (empty for records kept
 *     before netra captured them, and for dosimetry not computed from DICOM images)
 * @param warnings what the dosimetry job asked the physicist to check (an empty list where it raised none); empty
 *     where no job's warnings were kept: dosimetry entered or imported, and records kept before warnings had a field
 *     of their own (those carry them in the method text as "; job warnings [...]")
 */
public record DosimetryRecord(
        String id,
        String patientId,
        String courseId,
        CycleDosimetry dosimetry,
        List<TumourDose> tumours,
        String method,
        Optional<AcquisitionProtocol> acquisition,
        Optional<List<DosimetryWarning>> warnings) {

    /** A record without a job's warnings (dosimetry entered, imported, or kept before warnings had a field). */
    public DosimetryRecord(
            String id,
            String patientId,
            String courseId,
            CycleDosimetry dosimetry,
            List<TumourDose> tumours,
            String method,
            Optional<AcquisitionProtocol> acquisition) {
        this(id, patientId, courseId, dosimetry, tumours, method, acquisition, Optional.empty());
    }

    /** A record without the acquisition (dosimetry entered, imported, or kept before netra captured it). */
    public DosimetryRecord(
            String id,
            String patientId,
            String courseId,
            CycleDosimetry dosimetry,
            List<TumourDose> tumours,
            String method) {
        this(id, patientId, courseId, dosimetry, tumours, method, Optional.empty());
    }

    public DosimetryRecord {
        acquisition = acquisition == null ? Optional.empty() : acquisition.filter(a -> !a.isEmpty());
        Keys.require(id, patientId, "dosimetry result");
        Objects.requireNonNull(courseId, "course of dosimetry " + id);
        Objects.requireNonNull(dosimetry, "dosimetry " + id);
        tumours = tumours == null ? List.of() : List.copyOf(tumours);
        method = method == null ? "" : method;
        warnings = warnings == null ? Optional.empty() : warnings.map(List::copyOf);
    }
}
