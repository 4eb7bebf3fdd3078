package org.netra.clinical.therapy;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** Work that belongs to a cycle besides the infusion itself. */
public sealed interface CycleTask {
    /** Kidney protection: lysine and arginine infused from {@code start} for the rule's duration. */
    record AminoAcidInfusion(LocalDateTime start, LocalDateTime end, double lysineGrams, double arginineGrams)
            implements CycleTask {}

    /** The last long-acting somatostatin-analogue injection must be on or before {@code lastInjectionBy}. */
    record SomatostatinAnaloguePause(LocalDate lastInjectionBy) implements CycleTask {}

    /** Post-therapy SPECT/CT for dosimetry at about 24 h, 96 h and 168 h. */
    record PostTherapyImaging(java.util.List<LocalDateTime> scans) implements CycleTask {}

    /** Blood counts and renal function within the lab age limit before the cycle. */
    record PreCycleLabs(LocalDate from, LocalDate by) implements CycleTask {}
}
