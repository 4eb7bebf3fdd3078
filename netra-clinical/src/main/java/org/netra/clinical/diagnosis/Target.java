package org.netra.clinical.diagnosis;

/** What a tracer binds to or is taken up by. */
public enum Target {
    SOMATOSTATIN_RECEPTOR,
    GLUCOSE_METABOLISM,
    AMINE_PRECURSOR_UPTAKE,
    NORADRENALINE_TRANSPORTER,
    GLP1_RECEPTOR,
    BONE_TURNOVER
}
