package org.netra.clinical.diagnosis;

import java.util.List;
import java.util.Objects;

/** A focus on bone scintigraphy and the work-up it calls for. */
public record BoneFinding(String location, Kind kind) {
    public BoneFinding {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
    }

    public enum Kind {
        NORMAL,
        DEGENERATIVE,
        TRAUMATIC,
        /** Uptake that could be a metastasis: needs CT, MRI or biopsy to decide. */
        SUSPICIOUS,
        /** Typical of a metastasis; CT for fracture risk, MRI for the spinal canal. */
        METASTASIS
    }

    public enum WorkUp {
        CT,
        MRI,
        BIOPSY
    }

    /** The further tests this finding calls for (docs/DOMAIN.md §1). */
    public List<WorkUp> workUp() {
        return switch (kind) {
            case NORMAL, DEGENERATIVE, TRAUMATIC -> List.of();
            case SUSPICIOUS -> List.of(WorkUp.CT, WorkUp.MRI, WorkUp.BIOPSY);
            case METASTASIS -> List.of(WorkUp.CT, WorkUp.MRI);
        };
    }
}
