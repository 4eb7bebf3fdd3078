package org.netra.sim.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netra.sim.anatomy.BodySize;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.PhantomSpec;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.Lu177Dotatate;
import org.netra.sim.kinetics.TrueKinetics;

class DoseTruthTest {
    private static final Phantom PHANTOM = Phantom.build(PhantomSpec.standard(BodySize.REFERENCE_MALE));
    private static final TrueKinetics TRUTH = TrueKinetics.of(PHANTOM, Lu177Dotatate.standard(), 7400);
    private static final CycleTruth CYCLE = DoseTruth.of(1, TRUTH, Voi.STANDARD);

    @Test
    void liverDoseIsTheMirdSelfDoseOfItsTimeIntegratedActivity() {
        // a large organ keeps ≈ all of its electron energy (147.9 keV per decay, ICRP 107); the kernel adds
        // the photons' small share and spill-in from its tumours, takes off electrons lost at the edge:
        // within 10 % of Ã·E/m (an analytic MIRD self-dose, independent of the convolution)
        VoiTruth liver = CYCLE.voi("Liver");
        double analytic = liver.tia().inMBqHours()
                * 3.6e9
                * 147.9e3
                * 1.602176634e-19
                / liver.mass().inKg();
        assertThat(liver.dose().inGy()).isCloseTo(analytic, within(analytic * 0.10));
    }

    @Test
    void dosesPerGBqAreThePublishedOnes() {
        // DOMAIN.md §1 and the sources in Lu177Dotatate
        assertThat(CYCLE.voi("Kidney_L").doseGyPerGBq()).isBetween(0.35, 0.65);
        assertThat(CYCLE.voi("Spleen").doseGyPerGBq()).isBetween(0.4, 1.3);
        assertThat(CYCLE.voi("Liver").doseGyPerGBq()).isBetween(0.1, 0.35);
        assertThat(CYCLE.voi("Marrow").doseGyPerGBq()).isBetween(0.01, 0.06);
        assertThat(CYCLE.voi("Tumour_liver_1").doseGyPerGBq()).isBetween(1.5, 6.0);
    }

    @Test
    void bedExceedsDoseByTheLinearQuadraticTerm() {
        VoiTruth kidney = CYCLE.voi("Kidney_L");
        double d = kidney.dose().inGy();
        // for a mono-exponential of 50 h and T_rep 2.8 h, G ≈ 2.8/52.8: BED ≈ D(1 + G·D/2.6)
        double approx = d * (1 + 2.8 / (2.8 + 50) * d / 2.6);
        assertThat(kidney.bed().orElseThrow().inGy()).isGreaterThan(d).isCloseTo(approx, within(approx * 0.05));
        assertThat(CYCLE.voi("Liver").bed()).isEmpty();
    }
}
