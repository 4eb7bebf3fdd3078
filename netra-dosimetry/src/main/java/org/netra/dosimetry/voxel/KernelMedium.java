package org.netra.dosimetry.voxel;

import org.netra.physics.quantity.Density;

/**
 * The homogeneous medium a voxel S-value kernel was simulated in (Lanconelli et al. 2012): ICRP soft
 * tissue and ICRP cortical bone, with the densities that turn their S-values into energy.
 */
public enum KernelMedium {
    SOFT_TISSUE("soft", Density.ofGramsPerMl(1.04)),
    BONE("bone", Density.ofGramsPerMl(1.92));

    private final String code;
    private final Density density;

    KernelMedium(String code, Density density) {
        this.code = code;
        this.density = density;
    }

    /** The tissue code of the data files ("soft", "bone"). */
    public String code() {
        return code;
    }

    public Density density() {
        return density;
    }

    static KernelMedium ofCode(String code) {
        for (KernelMedium m : values()) {
            if (m.code.equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown kernel medium '" + code + "' (expected soft or bone)");
    }
}
