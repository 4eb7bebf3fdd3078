package org.netra.clinical.diagnosis;

/** Diagnostic radiopharmaceuticals of the NET pathway, with their nuclide (ICRP-107 name). */
public enum Tracer {
    IN111_PENTETREOTIDE(
            "In-111", "111In-pentetreotide (OctreoScan)", Modality.SCINTIGRAPHY, Target.SOMATOSTATIN_RECEPTOR),
    GA68_DOTATATE("Ga-68", "68Ga-DOTATATE", Modality.PET_CT, Target.SOMATOSTATIN_RECEPTOR),
    GA68_DOTATOC("Ga-68", "68Ga-DOTATOC", Modality.PET_CT, Target.SOMATOSTATIN_RECEPTOR),
    GA68_DOTANOC("Ga-68", "68Ga-DOTANOC", Modality.PET_CT, Target.SOMATOSTATIN_RECEPTOR),
    CU64_DOTATATE("Cu-64", "64Cu-DOTATATE", Modality.PET_CT, Target.SOMATOSTATIN_RECEPTOR),
    F18_FDG("F-18", "18F-FDG", Modality.PET_CT, Target.GLUCOSE_METABOLISM),
    F18_DOPA("F-18", "18F-DOPA", Modality.PET_CT, Target.AMINE_PRECURSOR_UPTAKE),
    I123_MIBG("I-123", "123I-MIBG", Modality.SCINTIGRAPHY, Target.NORADRENALINE_TRANSPORTER),
    I131_MIBG("I-131", "131I-MIBG", Modality.SCINTIGRAPHY, Target.NORADRENALINE_TRANSPORTER),
    GA68_EXENDIN4("Ga-68", "68Ga-exendin-4 (GLP-1R)", Modality.PET_CT, Target.GLP1_RECEPTOR),
    TC99M_DIPHOSPHONATE("Tc-99m", "99mTc-diphosphonate", Modality.SCINTIGRAPHY, Target.BONE_TURNOVER);

    private final String nuclide;
    private final String label;
    private final Modality modality;
    private final Target target;

    Tracer(String nuclide, String label, Modality modality, Target target) {
        this.nuclide = nuclide;
        this.label = label;
        this.modality = modality;
        this.target = target;
    }

    /** The nuclide's name in {@code NuclideCatalog}. */
    public String nuclide() {
        return nuclide;
    }

    public String label() {
        return label;
    }

    public Modality modality() {
        return modality;
    }

    public Target target() {
        return target;
    }

    /** Uptake of this tracer can be graded on the Krenning scale (somatostatin-receptor imaging). */
    public boolean gradedByKrenning() {
        return target == Target.SOMATOSTATIN_RECEPTOR;
    }
}
