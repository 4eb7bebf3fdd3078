package org.netra.dosimetry.organ;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.KineticsSettings;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.dosimetry.kinetics.TimeActivityData;
import org.netra.dosimetry.kinetics.TimePoint;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Density;

/**
 * Kidney absorbed dose by the small-VOI method used in Uppsala (Sandström et al., EJNMMI 2010;37:212; five
 * 2 mL VOIs per kidney: Curkic Kapidzic et al., Phys Med 2024;117:103335): small spheres placed well inside
 * the renal parenchyma sample the activity concentration where the camera's limited resolution does not
 * dilute it (no partial-volume loss, unlike a whole-kidney VOI), so the kidney's mass never enters.
 *
 * <p>Per time point the mean concentration over the small VOIs, divided by their recovery coefficient, gives
 * a time–activity-concentration curve, integrated by {@link Kinetics}' rules to Ã/V (MBq·h per mL). The dose
 * is that of a uniformly filled kidney: D = (Ã/V)/ρ · (S·m)_phantom, where S·m is the energy a kidney absorbs
 * per decay in it (OpenDose's kidneys ← kidney S-value times the phantom's kidney mass), which hardly depends
 * on the kidney's size for 177Lu's short-range electrons.
 */
public final class SmallVoiKidney {
    /**
     * The choices of the method.
     *
     * @param recoveryCoefficient measured/true concentration of a small VOI in the camera's images (1 with
     *     resolution recovery; 0.91–1.10 for 2 mL VOIs, Curkic Kapidzic et al. 2024)
     * @param density kidney density (1.05 g/mL, ICRP Publication 89)
     * @param selfS the phantom's kidneys ← kidney S-value; its S times the target mass is the energy absorbed per decay
     */
    public record Settings(double recoveryCoefficient, Density density, OrganSValue selfS, KineticsSettings kinetics) {
        public Settings {
            if (!(recoveryCoefficient > 0) || Double.isInfinite(recoveryCoefficient)) {
                throw new IllegalArgumentException(
                        "the small VOIs' recovery coefficient must be positive, got " + recoveryCoefficient);
            }
            Objects.requireNonNull(density, "density");
            Objects.requireNonNull(selfS, "selfS");
            Objects.requireNonNull(kinetics, "kinetics");
        }

        public static final Density KIDNEY_DENSITY = Density.ofGramsPerMl(1.05);

        /** Recovery 1, 1.05 g/mL, OpenDose 177Lu kidneys ← left kidney of {@code phantom}. */
        public static Settings of(ReferencePhantom phantom, KineticsSettings kinetics) {
            return new Settings(
                    1.0,
                    KIDNEY_DENSITY,
                    OrganSValues.openDoseLu177().get(phantom, SourceRegion.LEFT_KIDNEY, "RKidney + LKidney"),
                    kinetics);
        }

        public Settings withRecoveryCoefficient(double rc) {
            return new Settings(rc, density, selfS, kinetics);
        }
    }

    /** The small VOIs' mean concentrations (Bq/mL) measured at one time after injection. */
    public record Sample(Duration afterInjection, double[] voiMeansBqPerMl) {
        public Sample {
            if (voiMeansBqPerMl.length == 0) {
                throw new IllegalArgumentException("a sample at " + afterInjection + " needs at least one small VOI");
            }
            voiMeansBqPerMl = voiMeansBqPerMl.clone();
        }
    }

    /**
     * The result: {@code concentrationTia} is Ã/V in MBq·h per mL (carried as an activity curve of a 1 mL
     * region), {@code why} the formula with its numbers.
     */
    public record Result(double[] meanBqPerMl, TiaResult concentrationTia, AbsorbedDose dose, String why) {}

    private SmallVoiKidney() {}

    public static Result dose(List<Sample> samples, Settings settings) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("the small-VOI method needs at least one time point");
        }
        double[] means = new double[samples.size()];
        List<TimePoint> points = new ArrayList<>();
        for (int i = 0; i < means.length; i++) {
            double sum = 0;
            for (double c : samples.get(i).voiMeansBqPerMl()) {
                sum += c;
            }
            means[i] = sum / samples.get(i).voiMeansBqPerMl().length / settings.recoveryCoefficient();
            points.add(TimePoint.of(samples.get(i).afterInjection(), Activity.ofBq(means[i])));
        }
        TiaResult tia = Kinetics.integrate(new TimeActivityData(points), settings.kinetics());
        OrganSValue s = settings.selfS();
        double tiacMBqSPerMl = tia.timeIntegratedActivity().inMBqSeconds();
        // (Ã/V)/ρ is Ã per gram; times S·m (mGy·g per MBq·s)
        double mGy = tiacMBqSPerMl
                / settings.density().inGramsPerMl()
                * s.s().inMGyPerMBqSecond()
                * s.targetMass().inGrams();
        String why = String.format(
                Locale.ROOT,
                "D = (Ã/V)/ρ·S·m = %.4g MBq·h/mL / %.3g g/mL × %.4g mGy/(MBq·s) × %.1f g (OpenDose %s %s ← %s);"
                        + " recovery coefficient %.3g",
                tia.timeIntegratedActivity().inMBqHours(),
                settings.density().inGramsPerMl(),
                s.s().inMGyPerMBqSecond(),
                s.targetMass().inGrams(),
                s.phantom().code().toUpperCase(Locale.ROOT),
                s.target(),
                s.source().code(),
                settings.recoveryCoefficient());
        return new Result(means, tia, AbsorbedDose.ofMGy(mGy), why);
    }

    /** The mean of {@code image} (Bq/mL) in each VOI, for a {@link Sample}. */
    public static double[] means(ImageVolume image, List<Mask> vois) {
        image.requireUnit(VoxelUnit.BQ_PER_ML, "the image");
        float[] v = image.voxels();
        double[] out = new double[vois.size()];
        for (int i = 0; i < out.length; i++) {
            Mask m = vois.get(i).requireOn(image.geometry(), "the image");
            if (m.isEmpty()) {
                throw new IllegalArgumentException("small VOI '" + m.name() + "' has no voxel in the image");
            }
            double sum = 0;
            for (int x = m.next(0); x >= 0; x = m.next(x + 1)) {
                sum += v[x];
            }
            out[i] = sum / m.voxelCount();
        }
        return out;
    }

    /** A sphere of about {@code ml} (voxel centres within its radius) around {@code centreMm}, for a small VOI. */
    public static Mask sphere(String name, Geometry grid, double[] centreMm, double ml) {
        double r = Math.cbrt(3 * ml * 1000 / (4 * Math.PI)); // mm
        boolean[] in = new boolean[grid.voxelCount()];
        double[] w = new double[3];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    grid.indexToWorld(i, j, k, w);
                    double dx = w[0] - centreMm[0], dy = w[1] - centreMm[1], dz = w[2] - centreMm[2];
                    in[grid.index(i, j, k)] = dx * dx + dy * dy + dz * dz <= r * r;
                }
            }
        }
        return Mask.of(name, grid, in);
    }
}
