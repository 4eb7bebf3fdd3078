package org.netra.dosimetry.organ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Density;
import org.netra.physics.quantity.Energy;
import org.netra.physics.quantity.Volume;

class SphereModelTest {
    private static final org.netra.physics.nuclide.Nuclide LU177 =
            NuclideCatalog.icrp107().get("Lu-177");

    /** The closed-form escape probability against rays traced from random points in random directions. */
    @Test
    void escapeProbabilityMatchesMonteCarlo() {
        Random r = new Random(1);
        for (double tau : new double[] {0.05, 0.5, 2}) {
            double sum = 0;
            int n = 400_000;
            for (int i = 0; i < n; i++) {
                double[] p;
                do {
                    p = new double[] {2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1};
                } while (p[0] * p[0] + p[1] * p[1] + p[2] * p[2] > 1);
                double cz = 2 * r.nextDouble() - 1;
                double phi = 2 * Math.PI * r.nextDouble();
                double sz = Math.sqrt(1 - cz * cz);
                double[] d = {sz * Math.cos(phi), sz * Math.sin(phi), cz};
                double pd = p[0] * d[0] + p[1] * d[1] + p[2] * d[2];
                double pp = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
                double s = -pd + Math.sqrt(pd * pd - pp + 1); // distance to the unit sphere
                sum += Math.exp(-tau * s);
            }
            assertThat(SphereModel.escapeProbability(tau)).as("τ = " + tau).isCloseTo(sum / n, within(0.003));
        }
    }

    @Property
    void escapeProbabilityIsContinuousAtTheSeriesSwitch(
            @ForAll @DoubleRange(min = 1e-4, max = 5e-3) @Scale(8) double tau) {
        assertThat(SphereModel.escapeProbability(tau)).isCloseTo(1 - 0.75 * tau, within(2 * tau * tau));
    }

    /** Between the electron-only bound E_np/m and the all-absorbed bound E_total/m, nearer the first. */
    @Test
    void sphereSValueLiesBetweenItsBounds() {
        var split = EnergyPartition.of(LU177);
        for (double ml : new double[] {4, 20, 100}) {
            double kg = ml / 1000;
            double low = split.nonPenetrating().inJoules() / kg * 1e9;
            double high = split.total().inJoules() / kg * 1e9;
            double s = SphereModel.selfS(LU177, Volume.ofMl(ml), Density.WATER).inMGyPerMBqSecond();
            assertThat(s).isBetween(low, high);
            assertThat((s - low) / low).as("photon share at " + ml + " mL").isLessThan(0.06);
        }
    }

    @Test
    void muEnIsTheTableAtItsNodes() {
        assertThat(SphereModel.muEnPerCm(Energy.ofKeV(200), Density.WATER)).isCloseTo(0.02967, within(1e-12));
        double between = SphereModel.muEnPerCm(Energy.ofKeV(208.4), Density.WATER);
        assertThat(between).isBetween(0.02967, 0.03192);
    }
}
