package org.netra.store.clinical;

import java.util.Objects;
import org.netra.clinical.followup.AdverseEvent;

/** One adverse event a physician recorded in follow-up (CTCAE term, grade, dates). */
public record ToxicityEventRecord(String id, String patientId, AdverseEvent event) {
    public ToxicityEventRecord {
        Keys.require(id, patientId, "toxicity event");
        Objects.requireNonNull(event, "event " + id);
    }
}
