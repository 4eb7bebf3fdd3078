package org.netra.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.netra.imaging.quant.ConjugateView;
import org.netra.imaging.quant.SpectCalibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra conjugate-view}: a lesion's activity from planar anterior and posterior views (MIRD Pamphlet
 * 16), by netra-imaging's {@link ConjugateView} — the computation the web's MIBG form uses.
 */
@Command(
        name = "conjugate-view",
        mixinStandardHelpOptions = true,
        description = "Activity of a lesion from planar conjugate views: A = √(I_A·I_P) · e^(μT/2) / C, with the"
                + " count rates of the region on the anterior and posterior views, the effective attenuation"
                + " coefficient μ, the patient thickness T and the camera's calibration C (MIRD Pamphlet 16).")
final class ConjugateViewCommand implements Runnable {
    @Option(
            names = "--anterior",
            required = true,
            paramLabel = "COUNTS",
            description = "counts in the region, anterior view")
    double anterior;

    @Option(
            names = "--posterior",
            required = true,
            paramLabel = "COUNTS",
            description = "counts in the region, posterior view")
    double posterior;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "1",
            description = "acquisition time per view in seconds (default 1: the counts are count rates, cps)")
    double seconds;

    @Option(
            names = "--mu",
            required = true,
            paramLabel = "PER_CM",
            description = "effective linear attenuation coefficient, per cm")
    double mu;

    @Option(
            names = "--thickness",
            required = true,
            paramLabel = "CM",
            description = "patient thickness through the region, cm")
    double thickness;

    @Option(
            names = "--calibration",
            required = true,
            paramLabel = "CPS_PER_MBQ",
            description = "system sensitivity in air, cps/MBq")
    double calibration;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record Report(
            double anteriorCps,
            double posteriorCps,
            double geometricMeanCps,
            double attenuationCorrection,
            double muPerCm,
            double thicknessCm,
            double cpsPerMBq,
            double activityMBq) {}

    @Override
    public void run() {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("--seconds must be a positive number of seconds, got " + seconds);
        }
        if (!(calibration > 0) || Double.isInfinite(calibration)) {
            throw new IllegalArgumentException(
                    "--calibration must be a positive number of cps/MBq, got " + calibration);
        }
        double ant = anterior / seconds;
        double post = posterior / seconds;
        var e = ConjugateView.estimate(ant, post, mu, thickness, new SpectCalibration(calibration));
        var report = new Report(
                ant,
                post,
                e.geometricMeanCps(),
                e.attenuationCorrection(),
                mu,
                thickness,
                calibration,
                e.activity().inMBq());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            out.println(String.format(
                    Locale.ROOT,
                    "anterior %.4g cps, posterior %.4g cps → geometric mean %.4g cps%n"
                            + "attenuation e^(μT/2) = e^(%.4g × %.4g / 2) = %.4g%n"
                            + "activity %.4g MBq (calibration %.4g cps/MBq)",
                    ant,
                    post,
                    e.geometricMeanCps(),
                    mu,
                    thickness,
                    e.attenuationCorrection(),
                    e.activity().inMBq(),
                    calibration));
        }
        out.flush();
    }
}
