package org.netra.clinical.patient;

/** WHO grade of a neuroendocrine neoplasm; NEC is the poorly differentiated carcinoma. */
public enum Grade {
    G1,
    G2,
    G3,
    NEC;

    /** Well differentiated (NET G1–G3), as opposed to a neuroendocrine carcinoma. */
    public boolean wellDifferentiated() {
        return this != NEC;
    }
}
