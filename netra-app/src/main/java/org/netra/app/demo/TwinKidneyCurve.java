package org.netra.app.demo;

import java.time.Duration;
import java.util.Arrays;
import org.netra.app.web.dosimetry.ModelCurve;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.KineticsSettings;
import org.netra.dosimetry.kinetics.TimeActivityData;
import org.netra.dosimetry.kinetics.TimePoint;
import org.netra.dosimetry.organ.ReferencePhantom;
import org.netra.dosimetry.organ.SmallVoiKidney;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import org.netra.store.clinical.RegionCurves;

/**
 * The kidneys' time–activity curve behind a twin's cycle: the twin's mono-exponential kidney kinetics (its
 * effective half-life), scaled so that the OpenDose kidneys ← kidneys S-value of the patient's sex turns its integral into the
 * cycle's kidney dose, sampled at the scan times the demo's method names, then fitted and integrated by the
 * kinetics pipeline like measured data. It has no voxel dose, so no DVH: the demo's {@link TwinDosimetry} job
 * replaces it with the twin's measured cycle.
 */
final class TwinKidneyCurve {
    /** The demo's quantitative SPECT times after injection (h), as its dosimetry method states. */
    static final double[] SCAN_HOURS = {4, 24, 96, 168};

    private static final Nuclide LU177 = NuclideCatalog.icrp107().lutetium177();

    private TwinKidneyCurve() {}

    static RegionCurves of(CycleDosimetry d, Sex sex) {
        var kinetics = KineticsSettings.of(LU177);
        // the OpenDose phantom of the patient's sex (ICRP 110 adult male or female)
        ReferencePhantom phantom = sex == Sex.FEMALE ? ReferencePhantom.ADULT_FEMALE : ReferencePhantom.ADULT_MALE;
        double sGyPerBqS =
                SmallVoiKidney.Settings.of(phantom, kinetics).selfS().s().inGyPerBqSecond();
        double tiaBqS = d.kidneyDose().inGy() / sGyPerBqS;
        double lambdaPerH = Math.log(2) / Times.hours(d.kidneyEffectiveHalfLife());
        double a0MBq = tiaBqS * lambdaPerH / 3600 / 1e6;
        double[] mBq = Arrays.stream(SCAN_HOURS)
                .map(h -> a0MBq * Math.exp(-lambdaPerH * h))
                .toArray();
        var data = new TimeActivityData(Arrays.stream(SCAN_HOURS)
                .mapToObj(h -> TimePoint.of(
                        Duration.ofMinutes(Math.round(h * 60)), Activity.ofMBq(a0MBq * Math.exp(-lambdaPerH * h))))
                .toList());
        var tia = Kinetics.integrate(data, kinetics);
        var curve = ModelCurve.of(tia, SCAN_HOURS, mBq, Times.hours(LU177.halfLife()));
        return new RegionCurves(
                "kidneys",
                tia.method().describe(),
                tia.why(),
                RegionCurves.points(SCAN_HOURS, mBq),
                RegionCurves.points(curve.hours(), curve.mBq()));
    }
}
