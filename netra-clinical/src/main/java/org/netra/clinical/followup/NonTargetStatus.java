package org.netra.clinical.followup;

/** The non-target lesions at a time point, taken together (RECIST 1.1 §4.3.3). */
public enum NonTargetStatus {
    /** None were present at baseline. */
    NONE_AT_BASELINE,
    /** All disappeared and nodes are normal (&lt; 10 mm). */
    COMPLETE_RESPONSE,
    /** Persisting, not progressing. */
    NON_CR_NON_PD,
    UNEQUIVOCAL_PROGRESSION,
    NOT_EVALUATED
}
