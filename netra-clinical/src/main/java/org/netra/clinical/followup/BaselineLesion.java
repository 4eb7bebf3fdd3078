package org.netra.clinical.followup;

import java.util.Objects;
import org.netra.clinical.patient.Length;

/**
 * A lesion measured at baseline: longest diameter for non-nodal lesions, short axis for lymph nodes
 * (RECIST 1.1 §3.1).
 */
public record BaselineLesion(String id, String organ, boolean lymphNode, Length size) {
    public BaselineLesion {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a lesion needs an id");
        }
        Objects.requireNonNull(organ, "organ of lesion " + id);
        Objects.requireNonNull(size, "size of lesion " + id);
    }

    /** Measurable under {@code rules}: ≥ 10 mm longest diameter, or a node ≥ 15 mm short axis. */
    public boolean measurable(RecistRules rules) {
        return lymphNode
                ? size.compareTo(rules.minMeasurableNodeShortAxis()) >= 0
                : size.compareTo(rules.minMeasurableLesion()) >= 0;
    }

    /** A node of 10–15 mm short axis: pathological, followed as non-target. Below 10 mm: normal. */
    public boolean pathological(RecistRules rules) {
        return !lymphNode || size.compareTo(rules.minPathologicalNodeShortAxis()) >= 0;
    }
}
