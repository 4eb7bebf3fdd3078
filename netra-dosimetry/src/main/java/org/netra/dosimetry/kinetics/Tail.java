package org.netra.dosimetry.kinetics;

/** What a fitted model is assumed to do after the last time point. */
public enum Tail {
    /** The fitted model, integrated analytically to infinity. */
    MODEL,
    /**
     * The fitted model up to the last time point, then physical decay only from the model's value there: no
     * biological clearance is assumed beyond the data, which bounds the TIA from above.
     */
    PHYSICAL_DECAY_FROM_LAST_POINT
}
