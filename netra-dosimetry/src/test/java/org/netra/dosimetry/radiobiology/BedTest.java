package org.netra.dosimetry.radiobiology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.kinetics.BiExponential;
import org.netra.dosimetry.kinetics.MonoExponential;
import org.netra.dosimetry.kinetics.UptakeWashout;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

class BedTest {
    private static final TissueParameters KIDNEY = TissueParameters.KIDNEY;

    /**
     * Worked by hand: kidney dose 5 Gy, T_eff 50 h, α/β 2.6 Gy, T_rep 2.8 h.
     * T_rep/(T_rep+T_eff) = 2.8/52.8 = 0.0530303; D/(α/β) = 5/2.6 = 1.9230769;
     * BED = 5·(1 + 1.9230769·0.0530303) = 5·1.1019814 = 5.509907 Gy;
     * EQD2 = 5.509907/(1 + 2/2.6) = 5.509907/1.7692308 = 3.114295 Gy.
     */
    @Test
    void monoExponentialBedMatchesTheHandCalculation() {
        var bed = Bed.monoExponential(AbsorbedDose.ofGy(5), Times.ofHours(50), KIDNEY);
        assertThat(bed.inGy()).isCloseTo(5.509907, within(1e-6));
        assertThat(Bed.eqd2(bed, KIDNEY).inGy()).isCloseTo(3.114295, within(1e-6));
    }

    @Test
    void kidneyDefaultsAreTheDocumentedOnes() {
        assertThat(KIDNEY.alphaBeta().inGy()).isEqualTo(2.6);
        assertThat(Times.hours(KIDNEY.repairHalfTime())).isEqualTo(2.8);
    }

    @Property
    void gOfAMonoExponentialIsTheClosedForm(
            @ForAll @DoubleRange(min = 1, max = 400) double tEffHours,
            @ForAll @DoubleRange(min = 0.2, max = 5) double tRepHours) {
        var model = new MonoExponential(Activity.ofMBq(100), Times.ofHours(tEffHours));
        double g = LeaCatcheside.gFactor(model.exponentials(), Times.ofHours(tRepHours));
        assertThat(g).isCloseTo(tRepHours / (tRepHours + tEffHours), within(1e-9));
        var viaG = Bed.forModel(AbsorbedDose.ofGy(20), model, KIDNEY.withRepairHalfTime(Times.ofHours(tRepHours)));
        var closed = Bed.monoExponential(
                AbsorbedDose.ofGy(20), Times.ofHours(tEffHours), KIDNEY.withRepairHalfTime(Times.ofHours(tRepHours)));
        assertThat(viaG.inGy()).isCloseTo(closed.inGy(), within(1e-6));
    }

    /** G for bi-exponential and uptake curves against the defining double integral, by quadrature. */
    @Test
    void gOfMultiExponentialsMatchesTheDoubleIntegral() {
        double mu = Math.log(2) / 2.8;
        var models = List.of(
                new BiExponential(Activity.ofMBq(60), Times.ofHours(4), Activity.ofMBq(40), Times.ofHours(60)),
                new UptakeWashout(Activity.ofMBq(50), Times.ofHours(40), Times.ofHours(1)));
        var integrator = new IterativeLegendreGaussIntegrator(16, 1e-11, 1e-13);
        for (var m : models) {
            var rate = m.exponentials();
            double dose = rate.integralMBqHours(0, Double.POSITIVE_INFINITY);
            // inner(t) = ∫₀^t Ḋ(w)·e^(−μ(t−w)) dw, both integrals numerically over [0, 60 half-lives]
            double end = 60 * Times.hours(m.effectiveHalfLife());
            double[] cuts = {0, 1, 5, 20, 100, end};
            double outer = 0;
            for (int c = 0; c + 1 < cuts.length; c++) {
                outer += integrator.integrate(
                        10_000_000,
                        t -> rate.valueMBq(t) * piecewise(w -> rate.valueMBq(w) * Math.exp(-mu * (t - w)), t),
                        cuts[c],
                        cuts[c + 1]);
            }
            double numeric = 2 * outer / (dose * dose);
            assertThat(LeaCatcheside.gFactor(rate, Times.ofHours(2.8)))
                    .as(m.kind().label())
                    .isCloseTo(numeric, within(1e-7));
        }
    }

    /** A fresh integrator per call: Hipparchus integrators keep state and cannot be nested. */
    private static double piecewise(org.hipparchus.analysis.UnivariateFunction f, double upper) {
        var integrator = new IterativeLegendreGaussIntegrator(16, 1e-11, 1e-13);
        if (upper <= 0) {
            return 0;
        }
        double sum = 0;
        double a = 0;
        for (double b : new double[] {1, 5, 20, 100, upper}) {
            double hi = Math.min(b, upper);
            if (hi > a) {
                sum += integrator.integrate(10_000_000, f, a, hi);
                a = hi;
            }
        }
        return sum;
    }

    @Test
    void cumulativeBedIsTheSumOfCycles() {
        var perCycle = List.of(AbsorbedDose.ofGy(5.5), AbsorbedDose.ofGy(4.25), AbsorbedDose.ofGy(6));
        assertThat(Bed.cumulative(perCycle).inGy()).isCloseTo(15.75, within(1e-12));
    }

    @Test
    void gOutsideItsRangeIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bed.of(AbsorbedDose.ofGy(1), 1.5, KIDNEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Lea–Catcheside");
    }
}
