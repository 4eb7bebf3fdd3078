package org.netra.sim.anatomy;

/**
 * The tissue classes of the phantom, one label each (0 is air outside the body). CT numbers are typical
 * contrast-free values for each tissue (soft tissue 40, fat −90, liver 60, spleen 50, kidney 35, urine 5,
 * cortical bone 800, vertebral cancellous bone with red marrow 200, NET metastases 45; bone metastases are
 * often sclerotic, 350; inflated lung −749, lungs only in a phantom with {@link Lungs}); the density of each follows from its CT number through the same Schneider
 * calibration a dosimetry pipeline applies to the CT ({@link org.netra.physics.material.CtDensity}).
 */
public enum Region {
    SOFT_TISSUE(1, "Soft_tissue", 40),
    FAT(2, "Fat", -90),
    LIVER(3, "Liver", 60),
    SPLEEN(4, "Spleen", 50),
    KIDNEY_L_CORTEX(5, "Kidney_L_cortex", 35),
    KIDNEY_L_MEDULLA(6, "Kidney_L_medulla", 30),
    KIDNEY_R_CORTEX(7, "Kidney_R_cortex", 35),
    KIDNEY_R_MEDULLA(8, "Kidney_R_medulla", 30),
    CORTICAL_BONE(9, "Bone_cortical", 800),
    MARROW(10, "Marrow", 200),
    BLADDER(11, "Bladder", 5),
    LIVER_MET_1(12, "Tumour_liver_1", 45),
    LIVER_MET_2(13, "Tumour_liver_2", 45),
    LIVER_MET_3(14, "Tumour_liver_3", 45),
    PANCREAS_PRIMARY(15, "Tumour_pancreas", 40),
    BONE_MET(16, "Tumour_bone", 350),
    /**
     * Inflated lung, ρ ≈ 0.26 g/cm³ (ICRU 46 / ICRU 44 "lung, inflated", Woodard and White 1986): −749 HU is the CT
     * number Schneider's calibration maps back to 0.260 g/mL (its segment from −1000 HU to −98 HU is linear), inside
     * the −700 to −900 HU of aerated lung on a free-breathing CT.
     */
    LUNG_L(17, "Lung_L", -749),
    LUNG_R(18, "Lung_R", -749),
    /** A NET nodule in the lung (a lung metastasis or a bronchopulmonary carcinoid): solid, soft-tissue CT number. */
    LUNG_TUMOUR(19, "Tumour_lung", 40);

    private final int label;
    private final String labelName;
    private final int hounsfield;

    Region(int label, String labelName, int hounsfield) {
        this.label = label;
        this.labelName = labelName;
        this.hounsfield = hounsfield;
    }

    /** The label in the NIfTI label map (1…19; 17–19 only in a phantom with lungs). */
    public int label() {
        return label;
    }

    public String labelName() {
        return labelName;
    }

    public int hounsfield() {
        return hounsfield;
    }

    public boolean tumour() {
        return switch (this) {
            case LIVER_MET_1, LIVER_MET_2, LIVER_MET_3, PANCREAS_PRIMARY, BONE_MET, LUNG_TUMOUR -> true;
            default -> false;
        };
    }

    public static Region ofLabel(int label) {
        for (Region r : values()) {
            if (r.label == label) {
                return r;
            }
        }
        throw new IllegalArgumentException("no phantom region has label " + label);
    }
}
