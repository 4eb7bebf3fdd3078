package org.netra.sim.anatomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.Geometry;
import org.netra.physics.material.CtDensity;

/** The lung bases and the lung tumour a phantom gets with {@link Lungs}, and what they leave as it was. */
class PhantomLungsTest {
    private static final PhantomSpec PLAIN = PhantomSpec.standard(BodySize.REFERENCE_MALE);
    private static final Phantom WITHOUT = Phantom.build(PLAIN);
    private static final Phantom WITH = Phantom.build(PLAIN.withLungs(Lungs.withTumour(3)));

    /** Schneider's table read independently here: linear from (−1000 HU, 0.00121) to (−98 HU, 0.93) g/mL. */
    @Test
    void theLungsCtNumberGivesInflatedLungDensityBackThroughSchneider() {
        double expected = 0.00121 + (-749 + 1000) * (0.93 - 0.00121) / (-98 + 1000);
        assertThat(expected).isCloseTo(Lungs.DENSITY_G_PER_ML, within(0.002));
        assertThat(Phantom.density(Region.LUNG_L)).isCloseTo(expected, within(1e-6));
        assertThat(CtDensity.schneider2000().gramsPerMl(Region.LUNG_R.hounsfield()))
                .isCloseTo(Lungs.DENSITY_G_PER_ML, within(0.002));
    }

    /** Outside the lungs every voxel has the label it had without them: the first twins' organs are unchanged. */
    @Test
    void everyOtherVoxelKeepsItsRegion() {
        int lung = 0;
        for (int v = 0; v < WITH.geometry().voxelCount(); v++) {
            Region r = WITH.region(v);
            if (r == Region.LUNG_L || r == Region.LUNG_R || r == Region.LUNG_TUMOUR) {
                assertThat(WITHOUT.region(v)).isEqualTo(Region.SOFT_TISSUE);
                lung++;
            } else {
                assertThat(r).isEqualTo(WITHOUT.region(v));
            }
        }
        assertThat(lung).isPositive();
        assertThat(WITHOUT.voxelCount(Region.LUNG_L) + WITHOUT.voxelCount(Region.LUNG_TUMOUR))
                .isZero();
    }

    /**
     * Each lung's base in the field of view against the ellipsoid's cap below the grid's top slice, computed here
     * from the ICRP 89 mass (600 g per lung at 0.26 g/mL) and the semi-axis ratios: the voxelised lung is that cap
     * less what the liver dome (right) or the spleen (left) and the chest wall's fat take from it.
     */
    @Test
    void theLungBasesAreTheEllipsoidsCapsInTheFieldOfView() {
        double ml = 600 / 0.26;
        double k = Math.cbrt(ml * 1000 * 3 / (4 * Math.PI * 0.37 * 0.43));
        double c = k;
        Geometry g = WITH.geometry();
        double[] top = new double[3];
        g.indexToWorld(0, 0, g.nz() - 1, top);
        double zTop = top[2] + g.spacing()[2] / 2;
        // the liver's dome: ICRP 89 male 1800 mL, ratios 1 : 0.75 : 0.70, centre z 60 mm
        double liverC = 0.70 * Math.cbrt(1800 * 1000 * 3 / (4 * Math.PI * 0.75 * 0.70));
        double base = 60 + liverC - 15;
        double h = zTop - base;
        // volume of an ellipsoid's cap of height h: π a b h² (3c − h) / (3 c²)
        double cap = Math.PI * (0.37 * k) * (0.43 * k) * h * h * (3 * c - h) / (3 * c * c) / 1000;
        for (Region lung : new Region[] {Region.LUNG_L, Region.LUNG_R}) {
            double voxelised = WITH.volumeMl(lung) + (lung == Region.LUNG_R ? WITH.volumeMl(Region.LUNG_TUMOUR) : 0);
            System.out.printf("%s %.0f mL of a %.0f mL cap (%.0f mm high)%n", lung, voxelised, cap, h);
            assertThat(voxelised).isBetween(0.95 * cap, 1.02 * cap);
        }
    }

    /** The tumour has its volume and lung on every side: at least two voxels of lung between it and any tissue. */
    @Test
    void theLungTumourSitsInLungOnEverySide() {
        assertThat(WITH.volumeMl(Region.LUNG_TUMOUR)).isCloseTo(3, within(3 * 0.2));
        Geometry g = WITH.geometry();
        int margin = 2;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (WITH.region(g.index(i, j, k)) != Region.LUNG_TUMOUR) {
                        continue;
                    }
                    for (int dk = -margin; dk <= margin; dk++) {
                        for (int dj = -margin; dj <= margin; dj++) {
                            for (int di = -margin; di <= margin; di++) {
                                Region n = WITH.region(g.index(i + di, j + dj, k + dk));
                                assertThat(n).isIn(Region.LUNG_R, Region.LUNG_TUMOUR);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aLungTumourTooLargeForTheLungBaseIsRefusedWithItsVolume() {
        assertThatThrownBy(() -> Lungs.withTumour(40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("40.00 mL")
                .hasMessageContaining("0.5–15 mL");
    }
}
