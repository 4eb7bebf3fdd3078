package org.netra.store.clinical;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.netra.clinical.patient.LabResult;

/** One blood draw's results; a patient's lab series is the union of their panels. */
public record LabPanel(String id, String patientId, List<LabResult> results) {
    public LabPanel {
        Keys.require(id, patientId, "lab panel");
        if (results == null || results.isEmpty()) {
            throw new IllegalArgumentException("lab panel " + id + " has no results");
        }
        results = List.copyOf(results);
    }

    /** The day of the earliest sample in the panel. */
    public LocalDate sampled() {
        return results.stream()
                .map(LabResult::date)
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }
}
