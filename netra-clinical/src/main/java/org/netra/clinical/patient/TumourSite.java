package org.netra.clinical.patient;

/** Site of the primary neuroendocrine tumour. */
public enum TumourSite {
    PANCREAS,
    SMALL_INTESTINE,
    LUNG,
    RECTUM,
    STOMACH,
    UNKNOWN_PRIMARY,
    OTHER
}
