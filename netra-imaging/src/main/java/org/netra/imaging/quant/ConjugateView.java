package org.netra.imaging.quant;

import java.time.Duration;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/**
 * Planar conjugate-view quantification (MIRD Pamphlet 16, Siegel et al. 1999): A = √(I_A·I_P) ·
 * e^{μT/2} / C, with I_A and I_P the anterior and posterior count rates of a region (cps), μ the
 * effective linear attenuation coefficient (per cm), T the patient thickness through the region (cm)
 * and C the system calibration (cps/MBq, in air). The geometric mean removes the source depth for a
 * point-like source; the source self-attenuation correction f is taken as 1.
 */
public final class ConjugateView {
    private ConjugateView() {}

    /**
     * The steps of one conjugate-view estimate: the geometric mean of the count rates (cps), the attenuation
     * correction e^{μT/2} and the activity. Every surface (the CLI, the web's MIBG form) shows these.
     */
    public record Estimate(double geometricMeanCps, double attenuationCorrection, Activity activity) {}

    public static Estimate estimate(
            double anteriorCps, double posteriorCps, double muPerCm, double thicknessCm, SpectCalibration c) {
        if (!(anteriorCps >= 0)
                || !(posteriorCps >= 0)
                || !(muPerCm >= 0)
                || !(thicknessCm >= 0)
                || Double.isInfinite(anteriorCps + posteriorCps + muPerCm + thicknessCm)) {
            throw new IllegalArgumentException("conjugate views need non-negative count rates (" + anteriorCps + ", "
                    + posteriorCps + " cps), μ (" + muPerCm + " /cm) and thickness (" + thicknessCm + " cm)");
        }
        double gm = Math.sqrt(anteriorCps * posteriorCps);
        double attenuation = Math.exp(muPerCm * thicknessCm / 2);
        return new Estimate(gm, attenuation, Activity.ofMBq(gm * attenuation / c.cpsPerMBq()));
    }

    public static Activity activity(
            double anteriorCps, double posteriorCps, double muPerCm, double thicknessCm, SpectCalibration c) {
        return estimate(anteriorCps, posteriorCps, muPerCm, thicknessCm, c).activity();
    }

    /**
     * The activity in a region drawn on the anterior view, the posterior view mirrored left–right
     * (posterior images are seen from behind), each view's counts divided by {@code duration}.
     */
    public static Activity activity(
            ImageVolume anterior,
            ImageVolume posterior,
            Mask regionOnAnterior,
            Duration duration,
            double muPerCm,
            double thicknessCm,
            SpectCalibration c) {
        regionOnAnterior.requireOn(anterior.geometry(), "the anterior view");
        if (!anterior.geometry().sameDimensions(posterior.geometry())
                || anterior.geometry().nz() != 1) {
            throw new IllegalArgumentException("anterior and posterior views must be 2-D images of one size, got "
                    + anterior.geometry() + " and " + posterior.geometry());
        }
        int nx = anterior.geometry().nx();
        double a = 0;
        double p = 0;
        for (int v = regionOnAnterior.next(0); v >= 0; v = regionOnAnterior.next(v + 1)) {
            int i = v % nx;
            int row = v / nx;
            a += anterior.voxels()[v];
            p += posterior.voxels()[row * nx + (nx - 1 - i)];
        }
        double s = Times.seconds(duration);
        return activity(a / s, p / s, muPerCm, thicknessCm, c);
    }
}
