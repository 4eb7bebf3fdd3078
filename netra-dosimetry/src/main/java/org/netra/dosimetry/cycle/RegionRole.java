package org.netra.dosimetry.cycle;

/**
 * What a VOI is for dosimetry, assigned once when the VOIs are read ({@link RoleRules}): it decides the BED
 * tissue parameters, which VOIs are nested parts of another in the partial-volume correction, which warnings
 * apply (an image-based marrow dose) and which doses a course's record takes.
 */
public enum RegionRole {
    /** The kidneys, left, right or both: the organ whose BED the course's budget counts. */
    KIDNEY,
    /** The renal cortex: a thin part nested in its kidney. */
    KIDNEY_CORTEX,
    /** Red marrow, whose image-based dose is unreliable (the blood-based method is the reference). */
    MARROW,
    /** A tumour or lesion. */
    TUMOUR,
    /**
     * The urinary bladder: urine, filled from empty at injection and emptied within hours, so that much of its TIA
     * can fall before the first scan; its TIA follows {@link org.netra.dosimetry.kinetics.BladderKinetics}.
     */
    URINARY_BLADDER,
    /** The body outline. */
    BODY,
    /** Any other organ (liver, spleen, …). */
    ORGAN;

    /** Whether a VOI of this role is a thin part of another VOI, corrected inside it (see the GTM's stage 2). */
    public boolean nestedPart() {
        return this == KIDNEY_CORTEX;
    }
}
