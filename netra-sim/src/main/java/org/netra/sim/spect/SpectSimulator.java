package org.netra.sim.spect;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.netra.imaging.volume.GaussianBlur;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.sim.kinetics.TrueKinetics;

/**
 * Images the true activity as a quantitative SPECT would: at each scan time the activity map is moved by the
 * scan's rigid misalignment, blurred by the resolution, turned into expected counts (activity × sensitivity ×
 * acquisition time), sampled with Poisson noise and divided back into Bq/mL. The same seed gives the same
 * images, voxel for voxel.
 *
 * <p>Misalignment: the first scan is aligned with the CT; each later one is translated by a random direction
 * scaled to {@code misalignmentMm} and rotated about the grid centre by up to {@code misalignmentMm}/5 degrees
 * per axis (a patient repositioned on the table days later). Each scan's CT ({@link SpectScan#ct}) moves with
 * it, as a SPECT/CT's does.
 */
public final class SpectSimulator {
    private SpectSimulator() {}

    public static List<SpectScan> simulate(TrueKinetics kinetics, SpectSettings settings, long seed) {
        return simulate(kinetics, settings, seed, done -> {});
    }

    /**
     * As {@link #simulate(TrueKinetics, SpectSettings, long)}, telling {@code scanned} how many scans are done after
     * each (a viewer waiting for them shows it); the scans are the same, voxel for voxel.
     */
    public static List<SpectScan> simulate(
            TrueKinetics kinetics, SpectSettings settings, long seed, java.util.function.IntConsumer scanned) {
        RandomDataGenerator random = new RandomDataGenerator(seed);
        Geometry g = kinetics.phantom().geometry();
        double voxelMl = g.voxelVolume().inMl();
        // expected counts per Bq/mL in one voxel
        double countsPerBqMl = voxelMl * 1e-6 * settings.sensitivityCpsPerMBq() * settings.acquisitionSeconds();
        double[] centre = new double[3];
        g.indexToWorld((g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, (g.nz() - 1) / 2.0, centre);
        List<SpectScan> scans = new ArrayList<>();
        for (int s = 0; s < settings.scanHours().size(); s++) {
            double hours = settings.scanHours().get(s);
            RigidTransform motion = s == 0 || settings.misalignmentMm() == 0
                    ? RigidTransform.identity()
                    : motion(random, settings.misalignmentMm(), centre);
            ImageVolume truth = kinetics.activityMap(hours);
            // the image at CT position p shows the activity the patient now has there: truth at motion⁻¹(p)
            ImageVolume moved = move(truth, motion, 0f);
            ImageVolume blurred = GaussianBlur.blur(moved, settings.fwhmMm());
            float[] v = blurred.voxels();
            for (int i = 0; i < v.length; i++) {
                double expected = Math.max(0, v[i]) * countsPerBqMl;
                v[i] = expected > 0 ? (float) (random.nextPoisson(expected) / countsPerBqMl) : 0f;
            }
            scans.add(new SpectScan(hours, ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v), motion));
            scanned.accept(scans.size());
        }
        return scans;
    }

    /** {@code v} with the patient moved by {@code motion}: at each position p, v at motion⁻¹(p) (trilinear). */
    static ImageVolume move(ImageVolume v, RigidTransform motion, float outside) {
        return motion.equals(RigidTransform.identity())
                ? v
                : Resampling.trilinear(v, v.geometry(), motion.inverse(), outside);
    }

    private static RigidTransform motion(RandomDataGenerator random, double mm, double[] centre) {
        double x = random.nextGaussian(), y = random.nextGaussian(), z = random.nextGaussian();
        double norm = Math.sqrt(x * x + y * y + z * z);
        double maxRad = Math.toRadians(mm / 5);
        return RigidTransform.ofEuler(
                random.nextUniform(-maxRad, maxRad),
                random.nextUniform(-maxRad, maxRad),
                random.nextUniform(-maxRad, maxRad),
                centre,
                mm * x / norm,
                mm * y / norm,
                mm * z / norm);
    }
}
