package org.netra.app.web.therapy;

import java.util.Optional;
import org.netra.app.web.input.Refused;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.record.Stored;

/**
 * One planned cycle of a patient's current PRRT course, as the radiopharmacy, bedside and approval pages
 * address it ({@code /patients/{id}/cycles/{n}}): a patient, course or cycle that does not exist is a 404
 * naming which.
 */
public record TherapyCycle(PatientRecord patient, CourseRecord course, PlannedCycle planned) {
    public int number() {
        return planned.number();
    }

    public String patientId() {
        return patient.id();
    }

    /** The patient's record, or a 404 naming the id. */
    public static PatientRecord requirePatient(Store store, String patientId) {
        return store.records()
                .find(ClinicalKinds.PATIENT, patientId)
                .map(Stored::value)
                .orElseThrow(() -> Refused.notFound("there is no patient " + patientId));
    }

    public static TherapyCycle resolve(Store store, String patientId, String cycleText) {
        var records = store.records();
        PatientRecord patient = requirePatient(store, patientId);
        Optional<CourseRecord> course = records.forPatient(ClinicalKinds.COURSE, patientId).stream()
                .map(Stored::value)
                .reduce((a, b) -> b);
        if (course.isEmpty()) {
            throw Refused.notFound("patient " + patientId + " has no PRRT course; plan the course first");
        }
        int n;
        try {
            n = Integer.parseInt(cycleText);
        } catch (NumberFormatException e) {
            throw Refused.notFound("cycle '" + cycleText + "' is not a cycle number");
        }
        var cycles = course.get().plan().cycles();
        if (n < 1 || n > cycles.size()) {
            throw Refused.notFound(
                    "patient " + patientId + "'s course has cycles 1–" + cycles.size() + "; there is no cycle " + n);
        }
        return new TherapyCycle(patient, course.get(), cycles.get(n - 1));
    }
}
