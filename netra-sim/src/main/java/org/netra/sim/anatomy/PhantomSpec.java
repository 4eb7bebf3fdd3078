package org.netra.sim.anatomy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a phantom is built from: the body size, the tumour volumes (mL) and the voxel grid. The default
 * grid is 128×128×100 voxels of 4.42 mm, a common 177Lu SPECT matrix (and a voxel size with tabulated
 * voxel S-values), which covers the trunk from the bladder to the liver dome, and with {@code lungs} the lung bases
 * above it (empty in {@link #standard}: the twins' figures were measured without lungs; {@link #withLungs}).
 */
public record PhantomSpec(
        BodySize body,
        double liverMet1Ml,
        double liverMet2Ml,
        double liverMet3Ml,
        double pancreasMl,
        double boneMetMl,
        int nx,
        int ny,
        int nz,
        double voxelMm,
        Optional<Lungs> lungs) {
    public static final int DEFAULT_NX = 128;
    public static final int DEFAULT_NZ = 100;
    public static final double DEFAULT_VOXEL_MM = 4.42;

    public PhantomSpec {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(lungs, "lungs (Optional.empty() for a twin without)");
        positive(liverMet1Ml, "liver metastasis 1");
        positive(liverMet2Ml, "liver metastasis 2");
        positive(liverMet3Ml, "liver metastasis 3");
        positive(pancreasMl, "pancreatic primary");
        positive(boneMetMl, "bone metastasis");
        if (boneMetMl > 9) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "a bone metastasis of %.1f mL does not fit the vertebral body it sits in (≤ 9 mL)",
                    boneMetMl));
        }
        if (nx < 64 || ny < 64 || nz < 64) {
            throw new IllegalArgumentException(
                    "the grid must be at least 64×64×64 voxels to hold the trunk, got " + nx + "×" + ny + "×" + nz);
        }
        if (!(voxelMm >= 1 && voxelMm <= 10)) {
            throw new IllegalArgumentException("voxel size must be 1–10 mm, got " + voxelMm);
        }
        if (nx * voxelMm < 450 || ny * voxelMm < 450 || nz * voxelMm < 420) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "a field of view of %.0f×%.0f×%.0f mm is too small for the trunk (≥ 450×450×420 mm)",
                    nx * voxelMm,
                    ny * voxelMm,
                    nz * voxelMm));
        }
    }

    /**
     * The standard twin: liver metastases of 25, 8 and 3 mL (two above and one below the 5 mL the accuracy
     * benchmark asks about), a 20 mL pancreatic primary and a 7 mL vertebral metastasis, on the default grid.
     */
    public static PhantomSpec standard(BodySize body) {
        return new PhantomSpec(
                body, 25, 8, 3, 20, 7, DEFAULT_NX, DEFAULT_NX, DEFAULT_NZ, DEFAULT_VOXEL_MM, Optional.empty());
    }

    /** The same tumours and grid in another body (a patient's sex, weight and height). */
    public PhantomSpec withBody(BodySize other) {
        return new PhantomSpec(
                other, liverMet1Ml, liverMet2Ml, liverMet3Ml, pancreasMl, boneMetMl, nx, ny, nz, voxelMm, lungs);
    }

    public PhantomSpec withTumours(double met1, double met2, double met3, double pancreas, double bone) {
        return new PhantomSpec(body, met1, met2, met3, pancreas, bone, nx, ny, nz, voxelMm, lungs);
    }

    /** The same phantom with lung bases above the diaphragm (and the lung tumour they hold, if any). */
    public PhantomSpec withLungs(Lungs with) {
        return new PhantomSpec(
                body,
                liverMet1Ml,
                liverMet2Ml,
                liverMet3Ml,
                pancreasMl,
                boneMetMl,
                nx,
                ny,
                nz,
                voxelMm,
                Optional.of(with));
    }

    private static void positive(double ml, String what) {
        if (!(ml > 0 && ml < 500)) {
            throw new IllegalArgumentException(what + " must be 0–500 mL, got " + ml);
        }
    }
}
