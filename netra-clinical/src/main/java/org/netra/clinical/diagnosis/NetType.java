package org.netra.clinical.diagnosis;

import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.PrimaryTumour;

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

    /**
     * The imaging type of a primary tumour: by grade, and high grade also when the Ki-67 exceeds 20 % whatever
     * grade was recorded (the WHO 2019 G3 boundary for GEP-NETs; DOMAIN.md §1 "G3 / high Ki-67 / NEC → FDG").
     */
    public static NetType of(PrimaryTumour tumour) {
        boolean highKi67 = tumour.ki67().map(k -> k.percent() > 20).orElse(false);
        return highKi67 ? HIGH_GRADE : of(tumour.grade());
    }
}
