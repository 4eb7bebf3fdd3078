package org.netra.store.clinical;

import java.util.Objects;
import org.netra.clinical.diagnosis.PalliativeRadiotherapy;

/** External-beam radiotherapy given as palliation of a skeletal metastasis. */
public record RadiotherapyRecord(String id, String patientId, PalliativeRadiotherapy course) {
    public RadiotherapyRecord {
        Keys.require(id, patientId, "radiotherapy record");
        Objects.requireNonNull(course, "radiotherapy " + id);
    }
}
