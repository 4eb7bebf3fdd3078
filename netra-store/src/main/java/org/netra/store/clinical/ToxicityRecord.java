package org.netra.store.clinical;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.netra.clinical.followup.ToxicityAssessment;

/** CTCAE grades over a follow-up window against the baseline, per term. */
public record ToxicityRecord(
        String id,
        String patientId,
        LocalDate baseline,
        LocalDate from,
        LocalDate to,
        List<ToxicityAssessment.TermSummary> terms) {
    public ToxicityRecord {
        Keys.require(id, patientId, "toxicity assessment");
        Objects.requireNonNull(baseline, "baseline date of " + id);
        Objects.requireNonNull(from, "start of " + id);
        Objects.requireNonNull(to, "end of " + id);
        terms = terms == null ? List.of() : List.copyOf(terms);
    }
}
