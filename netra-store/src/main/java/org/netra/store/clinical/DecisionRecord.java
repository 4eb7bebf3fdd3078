package org.netra.store.clinical;

import java.time.LocalDate;
import java.util.Objects;
import org.netra.clinical.therapy.ContinuationAdvice;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.DoseDecision;

/** The decision on a next cycle with both inputs it weighed: the dosimetry budget and the toxicity rules. */
public record DecisionRecord(
        String id,
        String patientId,
        String courseId,
        LocalDate decidedOn,
        ContinuationAdvice dosimetry,
        DoseDecision toxicity,
        CycleDecision decision) {
    public DecisionRecord {
        Keys.require(id, patientId, "cycle decision");
        Objects.requireNonNull(courseId, "course of decision " + id);
        Objects.requireNonNull(decidedOn, "date of decision " + id);
        Objects.requireNonNull(dosimetry, "dosimetry advice of decision " + id);
        Objects.requireNonNull(toxicity, "toxicity decision of decision " + id);
        Objects.requireNonNull(decision, "decision " + id);
    }
}
