package org.netra.dosimetry.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.stat.descriptive.StreamingStatistics;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.kinetics.CandidateFit;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.KineticsSettings;
import org.netra.dosimetry.kinetics.ModelKind;
import org.netra.dosimetry.kinetics.TimeActivityData;
import org.netra.dosimetry.kinetics.TimePoint;
import org.netra.dosimetry.kinetics.Weighting;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;

/** The first-order propagation against Monte Carlo sampling of the same inputs. */
class PropagationTest {
    private static final KineticsSettings LU177 =
            KineticsSettings.of(NuclideCatalog.icrp107().get("Lu-177")).withWeighting(Weighting.STANDARD_DEVIATIONS);

    /** A bi-exponential kidney-like curve, 5 % SD per point. */
    private static CandidateFit.Fitted fit() {
        List<TimePoint> points = new ArrayList<>();
        Random noise = new Random(3);
        for (double t : new double[] {1, 4, 8, 24, 48, 72, 96, 144, 168}) {
            double v = 60 * Math.exp(-Math.log(2) / 3 * t) + 25 * Math.exp(-Math.log(2) / 55 * t);
            double sd = 0.03 * v;
            points.add(
                    TimePoint.of(Times.ofHours(t), Activity.ofMBq(v + sd * noise.nextGaussian()), Activity.ofMBq(sd)));
        }
        return (CandidateFit.Fitted) Kinetics.fitOne(ModelKind.BI_EXPONENTIAL, new TimeActivityData(points), LU177);
    }

    @Test
    void tiaSdFromTheJacobianMatchesSamplingTheParameters() {
        var f = fit();
        var propagated = Propagation.tiaFromFit(f.model(), f.covariance().orElseThrow());
        double[] p = f.model().parameters();
        RealMatrix lower = new CholeskyDecomposition(
                        new Array2DRowRealMatrix(f.covariance().orElseThrow().matrix()))
                .getL();
        Random r = new Random(11);
        var stats = new StreamingStatistics();
        for (int s = 0; s < 200_000; s++) {
            double[] z = new double[p.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = r.nextGaussian();
            }
            double[] dp = lower.operate(z);
            double a1 = p[0] + dp[0], l1 = p[1] + dp[1], a2 = p[2] + dp[2], l2 = p[3] + dp[3];
            stats.addValue(a1 / l1 + a2 / l2);
        }
        assertThat(propagated.value()).isCloseTo(stats.getMean(), within(0.01 * propagated.value()));
        assertThat(propagated.standardDeviation())
                .isCloseTo(stats.getStandardDeviation(), within(0.03 * stats.getStandardDeviation()));
        assertThat(propagated.relativeStandardDeviation()).isBetween(0.001, 0.2);
    }

    @Test
    void doseSdMatchesMonteCarloOverCalibrationVoiAndMass() {
        double tia = 1000; // MBq·h
        double fitSd = 40;
        var budget = new UncertaintyBudget(0.05, 0.08, 0.06, 0.5);
        double doseGy = 4.0;
        var propagated = Propagation.dose(
                AbsorbedDose.ofGy(doseGy),
                TimeIntegratedActivity.ofMBqHours(tia),
                TimeIntegratedActivity.ofMBqHours(fitSd),
                budget);
        Random r = new Random(5);
        var stats = new StreamingStatistics();
        double rho = budget.activityMassCorrelation();
        for (int s = 0; s < 400_000; s++) {
            double zFit = r.nextGaussian();
            double zCal = r.nextGaussian();
            double zA = r.nextGaussian();
            double zM = rho * zA + Math.sqrt(1 - rho * rho) * r.nextGaussian();
            double sampledTia =
                    (tia + fitSd * zFit) * (1 + budget.calibration() * zCal) * (1 + budget.voiActivity() * zA);
            double sampledMass = 1 + budget.voiMass() * zM;
            stats.addValue(doseGy * (sampledTia / tia) / sampledMass);
        }
        assertThat(propagated.standardDeviation())
                .isCloseTo(stats.getStandardDeviation(), within(0.03 * stats.getStandardDeviation()));
    }

    @Test
    void withNothingUncertainTheSdIsZero() {
        var u = Propagation.dose(
                AbsorbedDose.ofGy(2),
                TimeIntegratedActivity.ofMBqHours(10),
                TimeIntegratedActivity.ZERO,
                UncertaintyBudget.NONE);
        assertThat(u.standardDeviation()).isZero();
        assertThat(u.toString()).contains("±");
    }
}
