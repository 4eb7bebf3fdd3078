package org.netra.dosimetry.voxel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The resampled kernel against kernels Lanconelli et al. tabulated at the target size. */
class KernelResamplingTest {
    @ParameterizedTest(name = "{0} {1}: {2} mm → {3} mm")
    @CsvSource({
        "Lu-177, soft, 2.21, 2.4",
        "Lu-177, soft, 2.4, 2.21",
        "Lu-177, soft, 4.42, 4.8",
        "Lu-177, soft, 3.9, 3.59",
        "Y-90, soft, 2.21, 2.4",
        "Y-90, soft, 4.42, 4.8",
        "I-131, soft, 2.21, 2.4",
        "Lu-177, bone, 2.21, 2.4"
    })
    void resampledKernelApproachesTheTabulatedOne(String nuclide, String medium, double from, double to) {
        KernelMedium m = KernelMedium.ofCode(medium);
        DoseKernel made = KernelResampling.resample(VoxelSValues.tabulated(nuclide, from, m), to, to, to);
        DoseKernel truth = VoxelSValues.tabulated(nuclide, to, m);
        double self = made.at(0, 0, 0) / truth.at(0, 0, 0) - 1;
        double face = made.at(1, 0, 0) / truth.at(1, 0, 0) - 1;
        double edge = made.at(1, 1, 0) / truth.at(1, 1, 0) - 1;
        // energy-weighted error over the tabulated extent: Σ|ΔS| / Σ S
        double diff = 0, sum = 0;
        for (int k = -5; k <= 5; k++) {
            for (int j = -5; j <= 5; j++) {
                for (int i = -5; i <= 5; i++) {
                    diff += Math.abs(made.at(i, j, k) - truth.at(i, j, k));
                    sum += truth.at(i, j, k);
                }
            }
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "%s %s %.2f→%.2f: self %+.2f%%, face %+.2f%%, edge %+.2f%%, L1 %.2f%%%n",
                nuclide,
                medium,
                from,
                to,
                100 * self,
                100 * face,
                100 * edge,
                100 * diff / sum);
        // measured (docs/data.md): self-dose within 10 %, kernel within 12 % (L1); the nearest neighbours of
        // short-range Lu-177 are off by up to 40 %, a known limit of radial interpolation
        assertThat(Math.abs(self)).isLessThan(0.10);
        assertThat(diff / sum).isLessThan(0.12);
        // energy is conserved exactly
        assertThat(made.energyPerDecayJoules())
                .isCloseTo(
                        VoxelSValues.tabulated(nuclide, from, m).energyPerDecayJoules(),
                        within(1e-6 * made.energyPerDecayJoules()));
    }

    @Test
    void theSpectKernelCoversTheTabulatedReach() {
        DoseKernel k = VoxelSValues.forVoxel("Lu-177", KernelMedium.SOFT_TISSUE, 1.953, 1.953, 1.953);
        // 2.21 mm × 5√3 reach / 1.953 mm
        assertThat(k.sizeX()).isEqualTo(2 * 9 + 1);
        assertThat(k.spacing(0)).isEqualTo(1.953);
    }
}
