package org.netra.clinical.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.population.DosePerActivityModel;
import org.netra.dosimetry.population.KidneyMarrowCorrelation;

/**
 * The joint posterior of a patient's kidney and marrow levels: with no correlation it is the independent normal–normal
 * update of {@link DosePerActivityModel#patientLevel}; with one, its mean and its draws' covariance equal an
 * importance-sampling reference (prior draws weighted by the measurements' likelihood), a method that shares no
 * algebra with the conjugate update.
 */
class JointDoseLevelsTest {
    static final DosePerActivityModel K = DosePerActivityModel.KIDNEY_PUBLISHED;
    static final DosePerActivityModel M = DosePerActivityModel.MARROW_PUBLISHED;
    static final List<Double> KIDNEY = List.of(0.85, 0.80);
    static final List<Double> MARROW = List.of(0.020, 0.022);

    @Test
    void withoutCorrelationItIsTheIndependentUpdate() {
        var joint = JointDoseLevels.posterior(
                K, M, KidneyMarrowCorrelation.PUBLISHED, KIDNEY, MARROW, MeasuredDoseUncertainty.NONE);
        assertThat(joint.mean()[0]).isCloseTo(K.patientLevel(KIDNEY)[0], within(1e-12));
        assertThat(joint.mean()[1]).isCloseTo(M.patientLevel(MARROW)[0], within(1e-12));
    }

    @Test
    void withCorrelationItMatchesImportanceSampling() {
        var rho = new KidneyMarrowCorrelation(0.6, 0.3, 100, 300, "test");
        var joint = JointDoseLevels.posterior(K, M, rho, KIDNEY, MARROW, MeasuredDoseUncertainty.NONE);
        // reference: draw levels from the bivariate prior, weight each by the likelihood of the measured cycles
        SplittableRandom r = new SplittableRandom(7);
        double tk = K.betweenPatientLogSd();
        double tm = M.betweenPatientLogSd();
        double ck = K.betweenCycleLogSd();
        double cm = M.betweenCycleLogSd();
        double det = ck * ck * cm * cm * (1 - 0.09);
        double sw = 0;
        double sk = 0;
        double sm = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double z1 = r.nextGaussian();
            double z2 = 0.6 * z1 + Math.sqrt(1 - 0.36) * r.nextGaussian();
            double lk = Math.log(K.typicalGyPerGBq()) + tk * z1;
            double lm = Math.log(M.typicalGyPerGBq()) + tm * z2;
            double logW = 0;
            for (int j = 0; j < KIDNEY.size(); j++) {
                double ek = Math.log(KIDNEY.get(j)) - lk;
                double em = Math.log(MARROW.get(j)) - lm;
                // bivariate normal with covariance [[ck², 0.3 ck cm], [0.3 ck cm, cm²]]
                logW -= 0.5 * (cm * cm * ek * ek - 2 * 0.3 * ck * cm * ek * em + ck * ck * em * em) / det;
            }
            double w = Math.exp(logW);
            sw += w;
            sk += w * lk;
            sm += w * lm;
        }
        assertThat(joint.mean()[0]).isCloseTo(sk / sw, within(0.003));
        assertThat(joint.mean()[1]).isCloseTo(sm / sw, within(0.003));
        // and the independent update's marrow mean differs from it by more than that: the kidney informs the marrow
        assertThat(Math.abs(M.patientLevel(MARROW)[0] - sm / sw)).isGreaterThan(0.02);
    }
}
