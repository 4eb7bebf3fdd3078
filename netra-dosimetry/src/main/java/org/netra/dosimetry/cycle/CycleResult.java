package org.netra.dosimetry.cycle;

import java.util.List;
import java.util.Optional;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.imaging.volume.ImageVolume;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;

/**
 * A cycle's dosimetry.
 *
 * @param afterInjection each time point's time after injection, in the order of {@code sources}
 * @param tiaMap time-integrated activity per voxel (Bq·s), empty for the organ-S method
 * @param doseMap absorbed dose per voxel (Gy), empty for the organ-S method
 * @param voxelFits how many voxels each voxel-wise rule handled (zero counts for the organ-S method)
 */
public record CycleResult(
        Nuclide nuclide,
        DoseMethod method,
        CycleSettings settings,
        List<String> sources,
        List<java.time.Duration> afterInjection,
        List<Voi> vois,
        Optional<ImageVolume> tiaMap,
        Optional<ImageVolume> doseMap,
        VoxelKinetics.Counts voxelFits,
        Optional<MonteCarloComparison> monteCarlo) {
    public CycleResult {
        afterInjection = List.copyOf(afterInjection);
    }

    /** A result of a method that runs no Monte Carlo. */
    public CycleResult(
            Nuclide nuclide,
            DoseMethod method,
            CycleSettings settings,
            List<String> sources,
            List<java.time.Duration> afterInjection,
            List<Voi> vois,
            Optional<ImageVolume> tiaMap,
            Optional<ImageVolume> doseMap,
            VoxelKinetics.Counts voxelFits) {
        this(nuclide, method, settings, sources, afterInjection, vois, tiaMap, doseMap, voxelFits, Optional.empty());
    }

    /** The times in hours, for the kinetics' arithmetic inside the pipeline (the axis of its fits). */
    static double[] hours(List<java.time.Duration> afterInjection) {
        return afterInjection.stream()
                .mapToDouble(org.netra.physics.quantity.Times::hours)
                .toArray();
    }

    /**
     * One VOI's figures.
     *
     * @param role what the VOI is, from its name by the settings' {@link RoleRules}
     * @param volume the VOI's volume
     * @param mass its mass: the volume times the CT's mean density in it, or the settings' tissue density
     * @param activity the VOI's activity at each time point, in the order of {@link #afterInjection}
     * @param tia the region-level time-integrated activity, with the model, the rule that chose it and why
     * @param extrapolatedFraction the share of the TIA after the last scan (for one scan, after it)
     * @param voxelTia the voxel-wise TIA summed over the VOI (what the voxel methods' dose rests on), empty
     *     for the organ-S method
     * @param dose mean absorbed dose in the VOI
     * @param doseSd 1 SD of it: the root sum of squares of {@code sd}'s parts times the dose
     * @param sd the relative SD's parts (EANM 2018)
     * @param bed biologically effective dose with {@code bedTissue}; empty where the VOI's tissue has no sourced
     *     α/β and the user gave none
     * @param dvh dose–volume figures, empty for the organ-S method
     * @param doseHow how the dose was obtained (kernel, S-value and its mass scaling)
     */
    public record Voi(
            String name,
            RegionRole role,
            int voxelCount,
            org.netra.physics.quantity.Volume volume,
            Mass mass,
            List<Activity> activity,
            TiaResult tia,
            double extrapolatedFraction,
            Optional<TimeIntegratedActivity> voxelTia,
            AbsorbedDose dose,
            AbsorbedDose doseSd,
            SdParts sd,
            Optional<AbsorbedDose> bed,
            Optional<TissueParameters> bedTissue,
            Optional<Dvh> dvh,
            String doseHow) {
        public Voi {
            activity = List.copyOf(activity);
        }

        /** This VOI with its dose multiplied by {@code factor} (a recovery correction): SD, BED and DVH follow. */
        public Voi scaled(
                double factor,
                List<Activity> corrected,
                TiaResult correctedTia,
                double correctedExtrapolated,
                SdParts parts,
                Optional<AbsorbedDose> correctedBed,
                String how) {
            AbsorbedDose scaledDose = dose.times(factor);
            return new Voi(
                    name,
                    role,
                    voxelCount,
                    volume,
                    mass,
                    corrected,
                    correctedTia,
                    correctedExtrapolated,
                    voxelTia,
                    scaledDose,
                    scaledDose.times(parts.total()),
                    parts,
                    correctedBed,
                    bedTissue,
                    dvh.map(d -> d.times(factor)),
                    how);
        }
    }

    /**
     * The relative standard deviation of a VOI's dose in parts, combined in quadrature (Gear et al., EJNMMI
     * 2018;45:2456).
     *
     * @param fitAndBudget the fit's covariance carried into the TIA, calibration, VOI activity and mass
     * @param extrapolation the unmeasured tail: its share of the TIA times the settings' relative SD for it
     * @param partialVolume the recovery correction's sensitivity to the PSF: the dose's change when the PSF FWHM
     *     changes by its own uncertainty (zero without a correction)
     */
    public record SdParts(double fitAndBudget, double extrapolation, double partialVolume) {
        public double total() {
            return Math.sqrt(
                    fitAndBudget * fitAndBudget + extrapolation * extrapolation + partialVolume * partialVolume);
        }

        public SdParts withPartialVolume(double relative) {
            return new SdParts(fitAndBudget, extrapolation, relative);
        }

        public SdParts withExtrapolation(double relative) {
            return new SdParts(fitAndBudget, relative, partialVolume);
        }
    }

    /** Mean, maximum and D2 / D50 / D98 (the dose at least 2, 50, 98 % of the VOI receives). */
    public record Dvh(AbsorbedDose mean, AbsorbedDose max, AbsorbedDose d2, AbsorbedDose d50, AbsorbedDose d98) {
        /** Every figure multiplied by {@code factor} (a correction that scales the whole dose map in the VOI). */
        public Dvh times(double factor) {
            return new Dvh(
                    mean.times(factor), max.times(factor), d2.times(factor), d50.times(factor), d98.times(factor));
        }
    }

    /** The VOI of this name. */
    public Voi voi(String name) {
        return vois.stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new CycleInputException("no VOI '" + name + "' in the result"));
    }
}
