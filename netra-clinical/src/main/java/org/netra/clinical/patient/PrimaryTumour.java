package org.netra.clinical.patient;

import java.util.Objects;
import java.util.Optional;

/** The primary tumour: site, grade and (when known) the latest Ki-67. */
public record PrimaryTumour(TumourSite site, Grade grade, Optional<Ki67> ki67) {
    public PrimaryTumour {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(grade, "grade");
        ki67 = ki67 == null ? Optional.empty() : ki67;
    }
}
