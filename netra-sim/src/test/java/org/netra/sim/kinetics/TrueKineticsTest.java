package org.netra.sim.kinetics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netra.dosimetry.kinetics.Exponentials;
import org.netra.sim.anatomy.BodySize;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.PhantomSpec;
import org.netra.sim.anatomy.Region;
import org.netra.sim.anatomy.Voi;

class TrueKineticsTest {
    private static final Phantom PHANTOM = Phantom.build(PhantomSpec.standard(BodySize.REFERENCE_MALE));
    private static final TrueKinetics TRUTH =
            TrueKinetics.of(PHANTOM, Lu177Dotatate.standard(), Lu177Dotatate.STANDARD_ACTIVITY_MBQ);

    @Test
    void wholeBodyActivityHalvesByDischargeAsTheMeasuredDoseRatesDo() {
        // DOMAIN.md §4: ≈ 18 µSv/h at 1 m right after infusion, ≈ 9 µSv/h at discharge ≈ 5 h later
        assertThat(TRUTH.wholeBodyRetention(0)).isCloseTo(1.0, within(0.02));
        assertThat(TRUTH.wholeBodyRetention(5)).isCloseTo(9.0 / 18.0, within(0.08));
        // a week later a few per cent remain (tumours, liver, spleen, kidneys and the slow remainder)
        assertThat(TRUTH.wholeBodyRetention(168)).isBetween(0.03, 0.2);
    }

    @Test
    void kidneySelfDoseLiesInThePublishedRange() {
        // MIRD self-dose by local deposition of the non-penetrating energy, 147.9 keV per decay (ICRP 107,
        // DOMAIN.md §3), over the kidneys' mass: 0.4–0.6 Gy/GBq (DOMAIN.md §1)
        double ePerDecayJ = 147.9e3 * 1.602176634e-19;
        Voi l = Voi.STANDARD.get(0);
        Voi r = Voi.STANDARD.get(1);
        double bqS = (TRUTH.voi(l).integralMBqHours(0, Double.POSITIVE_INFINITY)
                        + TRUTH.voi(r).integralMBqHours(0, Double.POSITIVE_INFINITY))
                * 1e6
                * 3600;
        double kg = (PHANTOM.volumeMl(l) + PHANTOM.volumeMl(r)) * Phantom.density(Region.KIDNEY_L_CORTEX) / 1000;
        double gyPerGBq = bqS * ePerDecayJ / kg / 7.4;
        assertThat(gyPerGBq).isBetween(0.4, 0.6);
    }

    @Test
    void analyticIntegralsAgreeWithNumericalQuadrature() {
        for (Region region : new Region[] {Region.LIVER_MET_1, Region.KIDNEY_L_CORTEX, Region.MARROW, Region.FAT}) {
            Exponentials e = TRUTH.region(region);
            // composite Simpson, fine over the uptake phase, to 5000 h (physical decay leaves < 1e-9 beyond)
            double sum = simpson(e, 0, 10, 100000) + simpson(e, 10, 5000, 200000);
            assertThat(e.integralMBqHours(0, Double.POSITIVE_INFINITY)).isCloseTo(sum, within(sum * 1e-6));
        }
    }

    private static double simpson(Exponentials e, double a, double b, int n) {
        double h = (b - a) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += w * e.valueMBq(a + i * h);
        }
        return sum * h / 3;
    }

    @Test
    void mapsCarryEachRegionsActivity() {
        var map = TRUTH.activityMap(24);
        double voxelMl = PHANTOM.geometry().voxelVolume().inMl();
        double total = 0;
        for (float v : map.voxels()) {
            total += v * voxelMl;
        }
        assertThat(total / 1e6).isCloseTo(TRUTH.wholeBodyRetention(24) * 7400, within(0.01));
        double tiaTotal = 0;
        for (float v : TRUTH.tiaMap().voxels()) {
            tiaTotal += v;
        }
        double expected = 0;
        for (Region r : Region.values()) {
            if (TRUTH.phantom().voxelCount(r) > 0) { // a twin without lungs has no lung regions
                expected += TRUTH.region(r).integralMBqHours(0, Double.POSITIVE_INFINITY) * 3.6e9;
            }
        }
        assertThat(tiaTotal).isCloseTo(expected, within(expected * 1e-4));
    }
}
