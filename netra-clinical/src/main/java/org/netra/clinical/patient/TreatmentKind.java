package org.netra.clinical.patient;

/** Lines of NET treatment a patient may have had before PRRT. */
public enum TreatmentKind {
    SOMATOSTATIN_ANALOGUE,
    SURGERY,
    CHEMOTHERAPY,
    TARGETED_THERAPY,
    INTERFERON,
    LIVER_DIRECTED_THERAPY,
    PRRT,
    EXTERNAL_BEAM_RADIOTHERAPY,
    OTHER;

    /** A systemic or local anti-tumour line (surgery alone is not "another treatment tried first"). */
    public boolean isMedicalLine() {
        return this != SURGERY && this != EXTERNAL_BEAM_RADIOTHERAPY && this != OTHER;
    }
}
