package org.netra.clinical.patient;

/** Sex as the clinical equations use it (CKD-EPI, Cockcroft–Gault, reference ranges). */
public enum Sex {
    FEMALE,
    MALE
}
