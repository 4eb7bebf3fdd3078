package org.netra.dosimetry.cyclezero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cyclezero.PetDosePredictor.MeasuredPair;
import org.netra.dosimetry.population.RegionKind;

/** The PET-to-dose predictor against ordinary least squares and against simulated patients with known truth. */
class PetDosePredictorTest {

    /**
     * With a nearly flat prior the posterior mean is the least-squares line, computed here by the textbook
     * formulas (slope = Sxy/Sxx, intercept = ȳ − slope·x̄) independently of the predictor's matrix algebra.
     */
    @Test
    void aFlatPriorGivesTheLeastSquaresLine() {
        var flat = new PetDosePredictor(
                RegionKind.TUMOUR, 10, new double[] {0, 0}, new double[] {1e9, 0, 1e9}, 1e-6, 1e-6, 0, 0, "flat");
        double[] suv = {4, 7, 10, 15, 22, 30};
        double[] dose = {1.1, 2.0, 2.4, 4.1, 5.0, 7.9};
        List<MeasuredPair> pairs = new ArrayList<>();
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < suv.length; i++) {
            pairs.add(new MeasuredPair(suv[i], dose[i]));
            sx += Math.log(suv[i] / 10);
            sy += Math.log(dose[i]);
        }
        double mx = sx / suv.length;
        double my = sy / suv.length;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < suv.length; i++) {
            double dx = Math.log(suv[i] / 10) - mx;
            sxx += dx * dx;
            sxy += dx * (Math.log(dose[i]) - my);
        }
        double slope = sxy / sxx;
        var fit = flat.recalibrated(flat, pairs);
        assertThat(fit.slope()).isCloseTo(slope, within(1e-6));
        assertThat(fit.mean()[0]).isCloseTo(my - slope * mx, within(1e-6));
        assertThat(fit.version()).isEqualTo(1);
        assertThat(fit.patients()).isEqualTo(6);
    }

    /**
     * 100 simulated patients from a known line (slope 0.9, residual 0.3): the recalibrated predictor finds the
     * slope, and its 90 % interval covers 85–97 % of 2000 new patients (a little over 90 %: the prior, worth
     * six patients, still carries its wider residual of 0.40); the published default's interval is wider.
     */
    @Test
    void recalibrationLearnsTheDepartmentsLineAndItsIntervalsAreCalibrated() {
        var prior = PetDosePredictor.lu177Default(RegionKind.TUMOUR);
        Random r = new Random(42);
        List<MeasuredPair> dept = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            dept.add(patient(r));
        }
        var fit = prior.recalibrated(prior, dept);
        assertThat(fit.slope()).isCloseTo(0.9, within(0.15));
        assertThat(fit.residualLogSd()).isCloseTo(0.3, within(0.06));
        int covered = 0;
        double width = 0;
        double priorWidth = 0;
        for (int i = 0; i < 2000; i++) {
            MeasuredPair p = patient(r);
            var pred = fit.predict(p.petSuvMean());
            var pp = prior.predict(p.petSuvMean());
            covered += inside(pred, p.measuredGyPerGBq()) ? 1 : 0;
            width += Math.log(pred.upper90PerGBq().inGy() / pred.lower90PerGBq().inGy());
            priorWidth +=
                    Math.log(pp.upper90PerGBq().inGy() / pp.lower90PerGBq().inGy());
        }
        assertThat(covered / 2000.0).isBetween(0.85, 0.97);
        assertThat(width).isLessThan(priorWidth);
    }

    private static MeasuredPair patient(Random r) {
        double suv = 12 * Math.exp(0.5 * r.nextGaussian());
        double dose = 2.8 * Math.exp(0.9 * Math.log(suv / 12) + 0.3 * r.nextGaussian());
        return new MeasuredPair(suv, dose);
    }

    private static boolean inside(PetDosePredictor.Prediction p, double truth) {
        return p.lower90PerGBq().inGy() <= truth && truth <= p.upper90PerGBq().inGy();
    }

    /** By hand: the default kidney predictor at its reference SUV predicts its typical 0.5 Gy/GBq. */
    @Test
    void theDefaultPredictsItsTypicalValueAtTheReferenceSuv() {
        var kidney = PetDosePredictor.lu177Default(RegionKind.KIDNEY);
        var p = kidney.predict(10);
        assertThat(p.medianPerGBq().inGy()).isCloseTo(0.5, within(1e-12));
        // a doubled SUV raises the prediction by 2^0.5
        assertThat(kidney.predict(20).medianPerGBq().inGy()).isCloseTo(0.5 * Math.sqrt(2), within(1e-12));
        assertThat(p.lower90PerGBq().inGy()).isLessThan(0.5);
        assertThat(p.upper90PerGBq().inGy()).isGreaterThan(0.5);
        assertThat(p.predictorVersion()).isZero();
    }

    @Test
    void badInputIsRefusedByName() {
        var kidney = PetDosePredictor.lu177Default(RegionKind.KIDNEY);
        assertThatThrownBy(() -> kidney.predict(0)).hasMessageContaining("kidney PET SUVmean");
        assertThatThrownBy(() -> new MeasuredPair(5, -1)).hasMessageContaining("measured dose per GBq");
        assertThatThrownBy(() -> kidney.recalibrated(kidney, List.of())).hasMessageContaining("at least one patient");
        assertThatThrownBy(() -> PetDosePredictor.lu177Default(RegionKind.LIVER))
                .hasMessageContaining("not liver");
    }
}
