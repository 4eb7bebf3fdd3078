package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.KineticsSettings;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.dosimetry.kinetics.TimeActivityData;
import org.netra.dosimetry.kinetics.TimePoint;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

class VoxelKineticsTest {
    private static final KineticsSettings LU =
            KineticsSettings.of(NuclideCatalog.icrp107().get("Lu-177"));
    private static final double PHYS = luPhysical();

    private static float[][] maps(double[][] curvesByVoxel) {
        int n = curvesByVoxel[0].length;
        float[][] m = new float[n][curvesByVoxel.length];
        for (int v = 0; v < curvesByVoxel.length; v++) {
            for (int i = 0; i < n; i++) {
                m[i][v] = (float) curvesByVoxel[v][i];
            }
        }
        return m;
    }

    private static double kinetics(double[] t, double[] y) {
        TimePoint[] p = new TimePoint[t.length];
        for (int i = 0; i < t.length; i++) {
            p[i] = TimePoint.of(Times.ofHours(t[i]), Activity.ofMBq(y[i]));
        }
        return Kinetics.integrate(TimeActivityData.of(p), LU)
                .timeIntegratedActivity()
                .inMBqHours();
    }

    /** A·e^(−λt) sampled at four times integrates to A/λ, the analytic integral from injection. */
    @Test
    void aMonoExponentialVoxelIntegratesToAOverLambda() {
        double[] t = {4, 24, 96, 168};
        double[][] curves = new double[3][];
        double[] a = {1000, 55.5, 3.25};
        double[] lambda = {Math.log(2) / 50, Math.log(2) / 20, Math.log(2) / 100};
        for (int v = 0; v < 3; v++) {
            curves[v] = new double[4];
            for (int i = 0; i < 4; i++) {
                curves[v][i] = a[v] * Math.exp(-lambda[v] * t[i]);
            }
        }
        var r = VoxelKinetics.integrate(maps(curves), t, PHYS, new SinglePointMethod.Haenscheid());
        for (int v = 0; v < 3; v++) {
            assertThat((double) r.tia()[v]).isCloseTo(a[v] / lambda[v], within(1e-5 * a[v] / lambda[v]));
        }
        assertThat(r.counts().fitted()).isEqualTo(3);
    }

    /**
     * Two points agree with the region-level rules of Kinetics (Hipparchus fit or trapezoid): clearing → the
     * mono-exponential through both from injection; rising or plateau → trapezoid and physical tail.
     */
    @Test
    void twoPointsFollowTheRegionRules() {
        double[] t = {3.741, 27.725};
        double[][] curves = {{120.27, 138.39}, {100, 40}, {100, 90.2}, {50, 50}};
        var r = VoxelKinetics.integrate(maps(curves), t, luPhysical(), new SinglePointMethod.Haenscheid());
        for (int v = 0; v < curves.length; v++) {
            double expected = kinetics(t, curves[v]);
            assertThat((double) r.tia()[v]).as("voxel %d", v).isCloseTo(expected, within(2e-6 * expected));
        }
        assertThat(r.counts().fitted()).isEqualTo(1);
        assertThat(r.counts().fallBack()).isEqualTo(3);
    }

    /** Lesion 1 of the real patient by hand: 120.27·3.741/2 + (120.27+138.39)/2·23.984 + 138.39/λ_phys. */
    @Test
    void aRisingVoxelIsTrapezoidAndPhysicalTailByHand() {
        double[] t = {3.741, 27.725};
        double lambda = luPhysical();
        double byHand = 120.27 * 3.741 / 2 + (120.27 + 138.39) / 2 * (27.725 - 3.741) + 138.39 / lambda;
        var r = VoxelKinetics.integrate(
                maps(new double[][] {{120.27, 138.39}}), t, luPhysical(), new SinglePointMethod.Haenscheid());
        assertThat((double) r.tia()[0]).isCloseTo(byHand, within(1e-6 * byHand));
    }

    /**
     * Uptake then washout, peak at the second of four points: trapezoid (0,0)→(t₁,y₁)→(t₂,y₂), then the
     * exponential from the peak, A·e^(−λt₂)/λ (the uptake term has died out by t₂).
     */
    @Test
    void anUptakePhaseIsATrapezoidToThePeak() {
        double[] t = {0.5, 24, 72, 168};
        double a = 500, lw = Math.log(2) / 60, lu = 2.0;
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = a * (Math.exp(-lw * t[i]) - Math.exp(-lu * t[i]));
        }
        double expected = y[0] * t[0] / 2 + (y[0] + y[1]) * (t[1] - t[0]) / 2 + a * Math.exp(-lw * t[1]) / lw;
        var r = VoxelKinetics.integrate(maps(new double[][] {y}), t, PHYS, new SinglePointMethod.Haenscheid());
        assertThat((double) r.tia()[0]).isCloseTo(expected, within(1e-5 * expected));
    }

    /** One point: Hänscheid's A·2t/ln 2, exact for a mono-exponential measured at t = T_eff. */
    @Test
    void onePointIsTheSinglePointMethod() {
        double tEff = 60, a = 1000;
        double at = a * Math.exp(-Math.log(2));
        var r = VoxelKinetics.integrate(
                maps(new double[][] {{at}, {0}}), new double[] {tEff}, PHYS, new SinglePointMethod.Haenscheid());
        double analytic = a / (Math.log(2) / tEff);
        assertThat((double) r.tia()[0]).isCloseTo(analytic, within(1e-6 * analytic));
        assertThat(r.counts().singlePoint()).isEqualTo(1);
        assertThat(r.counts().zero()).isEqualTo(1);
    }

    /** A voxel with a zero or negative value after its peak cannot take a log fit: trapezoid, no NaN. */
    @Test
    void aNoisyVoxelFallsBackWithoutNaN() {
        double[] t = {4, 24, 96};
        var r = VoxelKinetics.integrate(
                maps(new double[][] {{10, 0, -1}, {0, 0, 0}}), t, PHYS, new SinglePointMethod.Haenscheid());
        assertThat(r.tia()[0]).isFinite();
        assertThat(r.counts().fallBack()).isEqualTo(1);
        assertThat(r.counts().zero()).isEqualTo(1);
    }

    /**
     * The folded fits (per-peak weights on the logarithms, computed once per map) against the textbook least
     * squares written out per voxel — Σt, Σt², Σln y, Σt·ln y, slope, intercept, then the integral — on 60 000
     * random curves of 2–6 points: rising, falling, uptake and washout, noisy, some with zeros and negatives. The
     * same rule for every voxel and the same TIA within {@value #FOLDED_FITS} of itself (the two differ in the
     * order of the double sums only; each is then rounded to a float).
     */
    static final double FOLDED_FITS = 3e-7;

    @Test
    void theFoldedFitsAgreeWithTheTextbookLeastSquaresVoxelByVoxel() {
        java.util.Random random = new java.util.Random(22);
        double[][] schedules = {{4, 24}, {4, 24, 96}, {4, 24, 96, 168}, {0.5, 4, 24, 72, 168}, {1, 4, 24, 48, 96, 168}};
        for (double[] t : schedules) {
            int voxels = 12_000;
            float[][] maps = maps(randomCurves(random, t, voxels));
            var r = VoxelKinetics.integrate(maps, t, PHYS, new SinglePointMethod.Haenscheid());
            long fitted = 0;
            for (int v = 0; v < voxels; v++) {
                double[] y = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    y[i] = maps[i][v];
                }
                double textbook = textbookTia(y, t, PHYS);
                fitted += Double.isNaN(textbookFit(y, t, PHYS)) ? 0 : 1;
                assertThat((double) r.tia()[v])
                        .as("voxel %d of %s", v, java.util.Arrays.toString(y))
                        .isCloseTo((float) textbook, within(FOLDED_FITS * Math.abs(textbook) + 1e-30));
            }
            assertThat(r.counts().fitted())
                    .as("fitted voxels at %s", java.util.Arrays.toString(t))
                    .isEqualTo(fitted);
            assertThat(fitted).isGreaterThan(voxels / 4);
        }
    }

    /**
     * Random curves at times t: rising, falling, uptake and washout, noisy, some with zeros and negatives (1 point
     * in 200).
     */
    private static double[][] randomCurves(java.util.Random random, double[] t, int voxels) {
        double[][] curves = new double[voxels][t.length];
        for (int v = 0; v < voxels; v++) {
            double amp = Math.pow(10, 4 * random.nextDouble() - 1);
            double washout = 0.001 + 0.1 * random.nextDouble(), uptake = 0.01 + 3 * random.nextDouble();
            double noise = random.nextInt(4) * 0.05;
            for (int i = 0; i < t.length; i++) {
                curves[v][i] = amp
                        * (Math.exp(-washout * t[i]) - (v % 2 == 0 ? Math.exp(-uptake * t[i]) : 0))
                        * (1 + noise * random.nextGaussian());
                if (random.nextInt(200) == 0) {
                    curves[v][i] = random.nextBoolean() ? 0 : -curves[v][i];
                }
            }
        }
        return curves;
    }

    /**
     * The vector pass ({@link VectorKinetics}) against the voxel-by-voxel loop on the random curves of 2–6 points
     * above, with stretches of all-zero voxels (the vectors it passes over) and a count that leaves a scalar tail:
     * the same rule for every voxel and the same float TIA, or one a unit in its last place away (the Vector API's
     * logarithm and exponential are not {@link Math}'s bit for bit); most voxels bit for bit.
     */
    @Test
    void theVectorPassGivesTheVoxelLoopsTiasToAFloatUlp() {
        assertThat(org.netra.dosimetry.voxel.SimdGate.OPEN)
                .as("the module's tests run with the Vector API (surefire's argLine): else this compares nothing")
                .isTrue();
        java.util.Random random = new java.util.Random(23);
        double[][] schedules = {{4, 24}, {4, 24, 96}, {4, 24, 96, 168}, {0.5, 4, 24, 72, 168}, {1, 4, 24, 48, 96, 168}};
        for (double[] t : schedules) {
            int voxels = 20_003;
            double[][] curves = randomCurves(random, t, voxels);
            for (int v = 0; v < voxels; v += 50 + random.nextInt(50)) {
                for (int z = v; z < Math.min(voxels, v + random.nextInt(40)); z++) {
                    java.util.Arrays.fill(curves[z], 0);
                }
            }
            float[][] maps = maps(curves);
            var vector = VoxelKinetics.integrate(maps, t, PHYS, new SinglePointMethod.Haenscheid(), true);
            var scalar = VoxelKinetics.integrate(maps, t, PHYS, new SinglePointMethod.Haenscheid(), false);
            assertThat(vector.counts()).isEqualTo(scalar.counts());
            assertThat(scalar.counts().zero()).isGreaterThan(voxels / 20);
            int same = 0;
            for (int v = 0; v < voxels; v++) {
                float a = vector.tia()[v], b = scalar.tia()[v];
                assertThat(Math.abs(a - b))
                        .as("voxel %d at %s", v, java.util.Arrays.toString(t))
                        .isLessThanOrEqualTo(Math.ulp(b));
                same += Float.floatToIntBits(a) == Float.floatToIntBits(b) ? 1 : 0;
            }
            assertThat(same).isGreaterThan(voxels * 99 / 100);
        }
    }

    /** The rules of the class comment, with the least-squares sums written out for each voxel. */
    private static double textbookTia(double[] y, double[] t, double physical) {
        double fit = textbookFit(y, t, physical);
        if (!Double.isNaN(fit)) {
            return fit;
        }
        double[] w = Kinetics.trapezoidWeights(t, physical);
        double tia = 0;
        for (int i = 0; i < t.length; i++) {
            tia += w[i] * y[i];
        }
        return tia;
    }

    private static double textbookFit(double[] y, double[] t, double physical) {
        int n = t.length, peak = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] > y[peak]) {
                peak = i;
            }
        }
        int m = n - peak;
        if (m < 2) {
            return Double.NaN;
        }
        double st = 0, sl = 0, stt = 0, stl = 0;
        for (int i = peak; i < n; i++) {
            if (!(y[i] > 0)) {
                return Double.NaN;
            }
            double l = Math.log(y[i]);
            st += t[i];
            sl += l;
            stt += t[i] * t[i];
            stl += t[i] * l;
        }
        double slope = (m * stl - st * sl) / (m * stt - st * st);
        double lambda = -slope;
        if (!(lambda > physical)) {
            return Double.NaN;
        }
        double lnA = (sl - slope * st) / m;
        if (peak == 0) {
            return Math.exp(lnA) / lambda;
        }
        double area = y[0] * t[0] / 2;
        for (int i = 1; i <= peak; i++) {
            area += (y[i] + y[i - 1]) * (t[i] - t[i - 1]) / 2;
        }
        return area + Math.exp(lnA - lambda * t[peak]) / lambda;
    }

    private static double luPhysical() {
        return Math.log(2) / (NuclideCatalog.icrp107().get("Lu-177").halfLifeSeconds() / 3600);
    }
}
