package org.netra.imaging.quant;

import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.ActivityConcentration;

/**
 * Statistics of a VOI on an activity-concentration image (Bq/mL at the image's reference time):
 * voxel count, volume (voxel count × voxel volume), activity (sum of concentration × voxel volume),
 * mean, maximum and peak (1 mL sphere, {@link PeakSphere}) concentration.
 */
public record RoiStatistics(
        String name,
        int voxelCount,
        org.netra.physics.quantity.Volume volume,
        Activity activity,
        ActivityConcentration mean,
        ActivityConcentration max,
        ActivityConcentration peak) {

    public static RoiStatistics of(ImageVolume bqPerMl, Mask voi) {
        bqPerMl.requireUnit(VoxelUnit.BQ_PER_ML, "the image for ROI statistics");
        voi.requireOn(bqPerMl.geometry(), "the image");
        if (voi.isEmpty()) {
            throw new IllegalArgumentException("VOI '" + voi.name() + "' holds no voxel of the image");
        }
        float[] v = bqPerMl.voxels();
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = voi.next(0); i >= 0; i = voi.next(i + 1)) {
            sum += v[i];
            max = Math.max(max, v[i]);
        }
        int n = voi.voxelCount();
        double voxelMl = bqPerMl.geometry().voxelVolume().inMl();
        PeakSphere.Peak peak = PeakSphere.peak(bqPerMl, voi);
        return new RoiStatistics(
                voi.name(),
                n,
                voi.volume(),
                Activity.ofBq(Math.max(0, sum * voxelMl)),
                ActivityConcentration.ofBqPerMl(Math.max(0, sum / n)),
                ActivityConcentration.ofBqPerMl(Math.max(0, max)),
                ActivityConcentration.ofBqPerMl(Math.max(0, peak.value())));
    }
}
