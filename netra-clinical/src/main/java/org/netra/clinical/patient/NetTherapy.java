package org.netra.clinical.patient;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The lines of treatment a NET patient comes to PRRT with, as the department names them (ENETS guidance:
 * surgery, somatostatin analogues, everolimus, sunitinib, chemotherapy …), each filed under its
 * {@link TreatmentKind} with the drug or procedure named in the detail.
 */
public enum NetTherapy {
    SURGERY(TreatmentKind.SURGERY, "surgery"),
    SOMATOSTATIN_ANALOGUE(TreatmentKind.SOMATOSTATIN_ANALOGUE, "somatostatin analogue"),
    EVEROLIMUS(TreatmentKind.TARGETED_THERAPY, "everolimus"),
    SUNITINIB(TreatmentKind.TARGETED_THERAPY, "sunitinib"),
    CHEMOTHERAPY(TreatmentKind.CHEMOTHERAPY, "chemotherapy"),
    INTERFERON(TreatmentKind.INTERFERON, "interferon-α"),
    LIVER_DIRECTED(TreatmentKind.LIVER_DIRECTED_THERAPY, "liver-directed therapy"),
    EXTERNAL_BEAM_RADIOTHERAPY(TreatmentKind.EXTERNAL_BEAM_RADIOTHERAPY, "external-beam radiotherapy"),
    OTHER(TreatmentKind.OTHER, "other");

    private final TreatmentKind kind;
    private final String label;

    NetTherapy(TreatmentKind kind, String label) {
        this.kind = kind;
        this.label = label;
    }

    public TreatmentKind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    /** The prior treatment: this therapy from {@code start} (to {@code end}, empty while ongoing). */
    public PriorTreatment given(LocalDate start, Optional<LocalDate> end, String detail) {
        String d = detail == null ? "" : detail.strip();
        String text = d.isEmpty() ? label : d.toLowerCase(Locale.ROOT).startsWith(label) ? d : label + ": " + d;
        return new PriorTreatment(kind, start, end, text);
    }
}
