package org.netra.dosimetry.kinetics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.netra.dosimetry.kinetics.Curves.h;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.Activity;

/** Values and integrals of the models against closed forms written out here and against quadrature. */
class KineticModelTest {
    private static final double LN2 = Math.log(2);

    private static final List<KineticModel> MODELS = List.of(
            Curves.mono(100, 60),
            Curves.bi(80, 3, 20, 70),
            new TriExponential(Activity.ofMBq(50), h(0.5), Activity.ofMBq(30), h(8), Activity.ofMBq(20), h(90)),
            Curves.uptake(40, 55, 2),
            new UptakeBiExponential(Activity.ofMBq(30), h(6), Activity.ofMBq(25), h(80), h(1.5)));

    /** Each model's ∫₀^∞ by the textbook formula: Σ Aᵢ/λᵢ with λ = ln 2 / T. */
    private static double closedForm(KineticModel m) {
        return switch (m) {
            case MonoExponential x -> x.initial().inMBq() * hours(x.halfLife()) / LN2;
            case BiExponential x ->
                (x.fastAmplitude().inMBq() * hours(x.fastHalfLife())
                                + x.slowAmplitude().inMBq() * hours(x.slowHalfLife()))
                        / LN2;
            case TriExponential x ->
                (x.amplitude1().inMBq() * hours(x.halfLife1())
                                + x.amplitude2().inMBq() * hours(x.halfLife2())
                                + x.amplitude3().inMBq() * hours(x.halfLife3()))
                        / LN2;
            case UptakeWashout x ->
                x.amplitude().inMBq() * (hours(x.washoutHalfLife()) - hours(x.uptakeHalfLife())) / LN2;
            case UptakeBiExponential x ->
                (x.fastAmplitude().inMBq() * (hours(x.fastHalfLife()) - hours(x.uptakeHalfLife()))
                                + x.slowAmplitude().inMBq() * (hours(x.slowHalfLife()) - hours(x.uptakeHalfLife())))
                        / LN2;
        };
    }

    private static double hours(java.time.Duration d) {
        return org.netra.physics.quantity.Times.hours(d);
    }

    @Test
    void integralToInfinityEqualsTheClosedForm() {
        for (KineticModel m : MODELS) {
            assertThat(m.integral().inMBqHours())
                    .as(m.kind().label())
                    .isCloseTo(closedForm(m), within(1e-12 * closedForm(m)));
        }
    }

    @Test
    void integralEqualsGaussLegendreQuadrature() {
        var integrator = new IterativeLegendreGaussIntegrator(32, 1e-14, 1e-14);
        for (KineticModel m : MODELS) {
            // 60 slowest half-lives leave e^(−60 ln 2) ≈ 1e-18 of the integral; split so each piece is smooth
            double end = 60 * hours(m.effectiveHalfLife());
            double[] cuts = {0, 0.5, 2, 10, 50, 200, end};
            double sum = 0;
            for (int i = 0; i + 1 < cuts.length; i++) {
                sum += integrator.integrate(
                        1_000_000, t -> m.exponentials().valueMBq(t), cuts[i], Math.max(cuts[i + 1], cuts[i]));
            }
            assertThat(m.integral().inMBqHours()).as(m.kind().label()).isCloseTo(sum, within(1e-9 * sum));
        }
    }

    @Test
    void intervalIntegralOfAMonoExponentialIsTheDifferenceOfItsTails() {
        var m = Curves.mono(100, 60);
        double lambda = LN2 / 60;
        double expected = 100 / lambda * (Math.exp(-lambda * 24) - Math.exp(-lambda * 96));
        assertThat(m.integral(h(24), h(96)).inMBqHours()).isCloseTo(expected, within(1e-12 * expected));
    }

    @Test
    void uptakeModelsStartAtZeroAndPeakLater() {
        assertThat(Curves.uptake(40, 55, 2).valueAt(h(1e-9)).inMBq()).isLessThan(1e-6);
        assertThat(Curves.uptake(40, 55, 2).valueAt(h(10)).inMBq())
                .isGreaterThan(Curves.uptake(40, 55, 2).valueAt(h(1)).inMBq());
    }

    @Test
    void integralGradientMatchesCentralDifferences() {
        for (KineticModel m : MODELS) {
            double[] p = m.parameters();
            double[] g = m.integralGradient();
            for (int j = 0; j < p.length; j++) {
                double step = 1e-6 * p[j];
                double[] up = p.clone();
                double[] down = p.clone();
                up[j] += step;
                down[j] -= step;
                double numeric = (m.kind().integral(0, Double.POSITIVE_INFINITY, up)
                                - m.kind().integral(0, Double.POSITIVE_INFINITY, down))
                        / (2 * step);
                assertThat(g[j])
                        .as(m.kind() + " parameter " + j)
                        .isCloseTo(numeric, within(1e-6 * Math.abs(numeric) + 1e-9));
            }
        }
    }

    @Property
    void integralsOverAdjacentIntervalsAddUp(
            @ForAll @DoubleRange(min = 1, max = 1000) double a1,
            @ForAll @DoubleRange(min = 0.5, max = 20) double h1,
            @ForAll @DoubleRange(min = 1, max = 1000) double a2,
            @ForAll @DoubleRange(min = 20, max = 150) double h2,
            @ForAll @DoubleRange(min = 0, max = 500) double split) {
        var m = Curves.bi(a1, h1, a2, h2);
        double whole = m.integral().inMBqHours();
        double parts = m.integral(h(0), h(split)).inMBqHours()
                + m.kind().integral(split, Double.POSITIVE_INFINITY, m.parameters());
        assertThat(parts).isCloseTo(whole, within(1e-10 * whole));
    }

    @Test
    void modelsRefuseImpossibleOrders() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Curves.uptake(10, 2, 50))
                .isInstanceOf(KineticsException.class)
                .hasMessageContaining("uptake half-life");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Curves.bi(10, 50, 10, 2))
                .isInstanceOf(KineticsException.class)
                .hasMessageContaining("fast half-life");
    }
}
