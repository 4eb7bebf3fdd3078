package org.netra.dosimetry.montecarlo;

import java.util.Optional;

/**
 * The tissue class of a voxel beside a VOI, as the Monte Carlo's geometry holds it: what decides whether the soft-tissue
 * kernel's density scaling is right there (soft tissue), spreads the escaping electrons' energy too little (lung: they
 * run ≈ 4× further than the kernel's ρ-scaling lets them), or misses the photo-electric excess and the backscatter of a
 * higher Z (bone).
 */
public enum AdjoiningTissue {
    LUNG("lung"),
    SOFT_TISSUE("soft tissue"),
    BONE("bone");

    /**
     * Below this a voxel is gas or outside the patient (Schneider's calibration reaches it near −900 HU): its "dose" is
     * not a tissue's, so it is in no class.
     */
    public static final double AIR_BELOW_G_PER_ML = 0.1;
    /**
     * Below this (and above air) lung: aerated lung is 0.2–0.3 g/mL; a voxel above 0.5 is mostly soft tissue in
     * partial volume with lung, whose electrons the kernel's scaling follows nearly right.
     */
    public static final double LUNG_BELOW_G_PER_ML = 0.5;
    /**
     * From this up bone (or anything denser, an implant included): the densest soft tissue (connective, 80–120 HU) is
     * 1.12 g/mL by Schneider's calibration. A medium holding calcium (Schneider's marrow-bone media from 120 HU, ICRU
     * 46 bone) is bone at any density.
     */
    public static final double BONE_FROM_G_PER_ML = 1.2;

    private final String label;

    AdjoiningTissue(String label) {
        this.label = label;
    }

    /** As the report names it: "lung", "soft tissue", "bone". */
    public String label() {
        return label;
    }

    /** The class of a voxel of {@code medium} at {@code gramsPerMl}; empty for air or gas. */
    public static Optional<AdjoiningTissue> of(PhotonMedium medium, double gramsPerMl) {
        if (gramsPerMl < AIR_BELOW_G_PER_ML) {
            return Optional.empty();
        }
        if (gramsPerMl < LUNG_BELOW_G_PER_ML) {
            return Optional.of(LUNG);
        }
        if (gramsPerMl >= BONE_FROM_G_PER_ML || medium.composition().getOrDefault("Ca", 0.0) > 0) {
            return Optional.of(BONE);
        }
        return Optional.of(SOFT_TISSUE);
    }
}
