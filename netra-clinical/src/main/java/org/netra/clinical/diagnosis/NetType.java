package org.netra.clinical.diagnosis;

import org.netra.clinical.patient.Grade;

/** The kinds of neuroendocrine tumour that call for different imaging. */
public enum NetType {
    WELL_DIFFERENTIATED_NET,
    /** NET G3, high Ki-67 or neuroendocrine carcinoma. */
    HIGH_GRADE,
    PHAEOCHROMOCYTOMA_PARAGANGLIOMA,
    MEDULLARY_THYROID_CARCINOMA,
    BENIGN_INSULINOMA;

    /** The imaging type of a gastroenteropancreatic or lung NET of this grade. */
    public static NetType of(Grade grade) {
        return switch (grade) {
            case G1, G2 -> WELL_DIFFERENTIATED_NET;
            case G3, NEC -> HIGH_GRADE;
        };
    }
}
