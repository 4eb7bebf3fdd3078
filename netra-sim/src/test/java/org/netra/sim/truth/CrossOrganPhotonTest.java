package org.netra.sim.truth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netra.dosimetry.dvh.DoseVolumeHistogram;
import org.netra.dosimetry.organ.OrganSValues;
import org.netra.dosimetry.organ.ReferencePhantom;
import org.netra.dosimetry.organ.SourceRegion;
import org.netra.dosimetry.voxel.KernelDose;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.dosimetry.voxel.VoxelSValues;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.sim.anatomy.BodySize;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.PhantomSpec;
import org.netra.sim.anatomy.Voi;

/**
 * Cross-organ dose by the kernel method against OpenDose's ICRP-110 organ S-values (Monte Carlo in the ICRP
 * reference phantoms; shared/data/organ-s-values): a uniform 177Lu source in the twin's liver or spleen, the mean
 * dose per decay in each kidney. The twin is not the ICRP phantom (organ shapes and distances differ: the right
 * kidney touches the twin's liver over a different area), so the check is one of magnitude: within a factor of 2
 * with the long-range photon kernel, where the 11³-voxel kernel alone reads a fraction of it.
 */
class CrossOrganPhotonTest {
    private static final Phantom PHANTOM = Phantom.build(PhantomSpec.standard(BodySize.REFERENCE_MALE));
    private static final OrganSValues OPENDOSE = OrganSValues.openDoseLu177();

    /** Mean dose per decay (mGy/(MBq·s)) in {@code target} from a uniform source in {@code source}. */
    private static double[] perDecay(Voi source, Voi target) {
        Geometry g = PHANTOM.geometry();
        Mask from = PHANTOM.mask(source);
        float[] a = new float[g.voxelCount()];
        for (int v = from.next(0); v >= 0; v = from.next(v + 1)) {
            a[v] = 1;
        }
        ImageVolume tia = ImageVolume.wrap(g, VoxelUnit.BQ_S, a);
        double decays = from.voxelCount();
        Mask to = PHANTOM.mask(target);
        double with = DoseVolumeHistogram.of(
                                KernelDose.withLongRangePhotons(g, "Lu-177").dose(tia, PHANTOM.density()), to)
                        .mean()
                        .inGy()
                / decays
                * 1e9;
        var shortOnly =
                VoxelSValues.forVoxel("Lu-177", KernelMedium.SOFT_TISSUE, g.spacing(0), g.spacing(1), g.spacing(2));
        double without = DoseVolumeHistogram.of(new KernelDose(g, shortOnly).dose(tia, PHANTOM.density()), to)
                        .mean()
                        .inGy()
                / decays
                * 1e9;
        return new double[] {with, without};
    }

    private static Voi voi(String name) {
        return Voi.STANDARD.stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void liverToKidneysIsOfOpenDosesMagnitude() {
        for (String[] c : new String[][] {{"Kidney_R", "Right kidney C+M+P"}, {"Kidney_L", "Left kidney C+M+P"}}) {
            double openDose = OPENDOSE.get(ReferencePhantom.ADULT_MALE, SourceRegion.LIVER, c[1])
                    .s()
                    .inMGyPerMBqSecond();
            double[] kernel = perDecay(voi("Liver"), voi(c[0]));
            System.out.printf(
                    java.util.Locale.ROOT,
                    "liver → %s: kernel + photons %.3e, 11³ kernel alone %.3e, OpenDose ICRP-110 AM %.3e mGy/(MBq·s)%n",
                    c[0],
                    kernel[0],
                    kernel[1],
                    openDose);
            // measured: right kidney 1.03 × OpenDose (11³ kernel alone 0.19 ×), left 1.66 × (alone 0.0003 ×)
            assertThat(kernel[0] / openDose).as("liver → %s", c[0]).isBetween(0.5, 2.0);
            assertThat(kernel[1] / openDose)
                    .as("liver → %s, 11³ kernel alone", c[0])
                    .isLessThan(0.25);
        }
    }

    @Test
    void spleenToLeftKidneyIsOfOpenDosesMagnitude() {
        double openDose = OPENDOSE.get(ReferencePhantom.ADULT_MALE, SourceRegion.SPLEEN, "Left kidney C+M+P")
                .s()
                .inMGyPerMBqSecond();
        double[] kernel = perDecay(voi("Spleen"), voi("Kidney_L"));
        System.out.printf(
                java.util.Locale.ROOT,
                "spleen → Kidney_L: kernel + photons %.3e, 11³ kernel alone %.3e, OpenDose ICRP-110 AM %.3e%n",
                kernel[0],
                kernel[1],
                openDose);
        // measured 0.63 × OpenDose (11³ kernel alone 0.02 ×)
        assertThat(kernel[0] / openDose).isBetween(0.5, 2.0);
        assertThat(kernel[1] / openDose).isLessThan(0.25);
    }
}
