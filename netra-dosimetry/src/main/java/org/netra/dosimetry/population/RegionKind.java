package org.netra.dosimetry.population;

import java.util.Locale;

/** The kinds of region a population prior exists for. */
public enum RegionKind {
    KIDNEY,
    SPLEEN,
    LIVER,
    TUMOUR,
    MARROW_BLOOD,
    WHOLE_BODY;

    /** A readable name ("kidney", "marrow/blood"). */
    public String label() {
        return this == MARROW_BLOOD
                ? "marrow/blood"
                : name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
