package org.netra.clinical.diagnosis;

/** How an imaging study is acquired. */
public enum Modality {
    /** Gamma camera: planar whole body and SPECT/CT. */
    SCINTIGRAPHY,
    PET_CT
}
