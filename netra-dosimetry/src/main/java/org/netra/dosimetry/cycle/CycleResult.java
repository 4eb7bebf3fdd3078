package org.netra.dosimetry.cycle;

import java.util.List;
import java.util.Optional;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.imaging.volume.Volume;
import org.netra.physics.nuclide.Nuclide;

/**
 * A cycle's dosimetry.
 *
 * @param hoursAfterInjection each time point's, in the order of {@code sources}
 * @param tiaMap time-integrated activity per voxel (Bq·s), empty for the organ-S method
 * @param doseMap absorbed dose per voxel (Gy), empty for the organ-S method
 * @param voxelFits how many voxels each voxel-wise rule handled (zero counts for the organ-S method)
 */
public record CycleResult(
        Nuclide nuclide,
        DoseMethod method,
        CycleSettings settings,
        List<String> sources,
        double[] hoursAfterInjection,
        List<Voi> vois,
        Optional<Volume> tiaMap,
        Optional<Volume> doseMap,
        VoxelKinetics.Counts voxelFits) {

    /**
     * One VOI's figures.
     *
     * @param activityMBq the VOI's activity at each time point
     * @param tia the region-level time-integrated activity, with the model, the rule that chose it and why
     * @param voxelTiaMBqH the voxel-wise TIA summed over the VOI (what the voxel methods' dose rests on), empty
     *     for the organ-S method
     * @param doseGy mean absorbed dose in the VOI
     * @param doseSdGy 1 SD of it by EANM propagation (fit covariance or point SDs, calibration, VOI activity and mass)
     * @param bedGy biologically effective dose with the settings' tissue parameters
     * @param dvh dose–volume figures, empty for the organ-S method
     * @param doseHow how the dose was obtained (kernel, S-value and its mass scaling)
     */
    public record Voi(
            String name,
            int voxelCount,
            double volumeMl,
            double massG,
            double[] activityMBq,
            TiaResult tia,
            Optional<Double> voxelTiaMBqH,
            double doseGy,
            double doseSdGy,
            double bedGy,
            Optional<Dvh> dvh,
            String doseHow) {}

    /** Mean, maximum and D2 / D50 / D98 in Gy. */
    public record Dvh(double meanGy, double maxGy, double d2Gy, double d50Gy, double d98Gy) {}
}
