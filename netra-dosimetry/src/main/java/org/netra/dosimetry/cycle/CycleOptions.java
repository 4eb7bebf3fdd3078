package org.netra.dosimetry.cycle;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.dosimetry.population.SinglePointEvidence;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.dosimetry.uncertainty.UncertaintyBudget;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.imaging.quant.CameraCalibrations;
import org.netra.physics.quantity.Times;

/**
 * The choices of one cycle's dosimetry. {@link #DEFAULTS} are the safe ones a physicist gets without a flag:
 * voxel-kernel dose, registration through the CTs when every scan has one (else rigid), GTM partial-volume
 * correction with the PSF from the series, the department's setting or the camera-class default, BED by each
 * VOI's tissue, netra's role rules.
 *
 * @param registration {@link Registration#AUTO}: CT-to-CT when every time point has its CT, else rigid NMI
 * @param departmentPsfFwhmMm the department's measured camera resolution (netra's settings), used when the series
 *     does not state one
 * @param extrapolation relative SD of a TIA's part after the last scan ({@link CycleSettings#DEFAULT_EXTRAPOLATION})
 * @param bedOverride α/β and repair half-time for every VOI when asked for; empty for each VOI's tissue
 * @param expectedEffectiveHalfLife what a single time point's Hänscheid integration is checked against
 * @param calibrations the department's camera calibration factors (netra's settings): a series in counts is
 *     converted with the one matching its camera, collimator, window and nuclide, or refused
 * @param singlePoint how a region scanned once is integrated: {@link SinglePointChoice#POPULATION} by default
 * @param singlePointEvidence what the population method knows besides the scan: the priors in force and the
 *     patient's earlier cycles ({@link SinglePointEvidence#PUBLISHED}: netra's published priors, no patient)
 */
public record CycleOptions(
        DoseMethod method,
        Registration registration,
        Recovery recovery,
        Optional<Double> departmentPsfFwhmMm,
        UncertaintyBudget uncertainty,
        double extrapolation,
        Optional<TissueParameters> bedOverride,
        RoleRules roles,
        Duration expectedEffectiveHalfLife,
        CameraCalibrations calibrations,
        SinglePointChoice singlePoint,
        SinglePointEvidence singlePointEvidence) {

    /**
     * The expected effective half-life for the single-time-point check: 50 h, which puts Hänscheid's
     * least-sensitive scan time (1.44·T_eff) at the ≈ 72 h optimum single-point time reported for
     * 177Lu-DOTATATE (Hou et al., J Nucl Med 2022; docs/DOMAIN.md §6). An assumption; give the patient's own
     * T_eff from an earlier cycle where known.
     */
    public static final Duration DEFAULT_EXPECTED_TEFF = Times.ofHours(50);

    public static final CycleOptions DEFAULTS = new CycleOptions(
            new DoseMethod.VoxelKernel(KernelMedium.SOFT_TISSUE),
            Registration.AUTO,
            new Recovery.Gtm(Optional.empty(), Optional.empty()),
            Optional.empty(),
            CycleSettings.DEFAULT_UNCERTAINTY,
            CycleSettings.DEFAULT_EXTRAPOLATION,
            Optional.empty(),
            RoleRules.DEFAULT,
            DEFAULT_EXPECTED_TEFF,
            CameraCalibrations.NONE,
            SinglePointChoice.POPULATION,
            SinglePointEvidence.PUBLISHED);

    /** How later scans are brought onto the first. */
    public enum Registration {
        AUTO,
        CT,
        RIGID,
        NONE;

        /** From its name in any case ("auto", "ct", "rigid", "none"); anything else is refused. */
        public static Registration parse(String text) {
            for (Registration r : values()) {
                if (r.name().equalsIgnoreCase(text.strip())) {
                    return r;
                }
            }
            throw new CycleInputException("registration must be auto, ct, rigid or none, got '" + text + "'");
        }
    }

    /** Partial-volume correction of the VOI activities. */
    public sealed interface Recovery {
        /** None: the VOI means as measured (the result carries a warning). */
        record None() implements Recovery {}

        /**
         * The geometric transfer matrix.
         *
         * @param givenFwhmMm a PSF for this run, over the series' and the department's
         * @param regions the VOIs that form the GTM's regions; empty for all but nested parts (by role)
         */
        record Gtm(Optional<Double> givenFwhmMm, Optional<List<String>> regions) implements Recovery {
            public Gtm {
                Objects.requireNonNull(givenFwhmMm, "givenFwhmMm");
                regions = regions.map(List::copyOf);
            }
        }

        /** From its name ("gtm", "none"); anything else is refused. */
        static Recovery parse(String text, Optional<Double> givenFwhmMm, Optional<List<String>> regions) {
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "gtm" -> new Gtm(givenFwhmMm, regions);
                case "none" -> {
                    if (givenFwhmMm.isPresent() || regions.isPresent()) {
                        throw new CycleInputException(
                                "a PSF FWHM and GTM regions are only used with the GTM correction, not with none");
                    }
                    yield new None();
                }
                default -> throw new CycleInputException("recovery must be gtm or none, got '" + text + "'");
            };
        }
    }

    public CycleOptions {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(departmentPsfFwhmMm, "departmentPsfFwhmMm");
        Objects.requireNonNull(uncertainty, "uncertainty");
        Objects.requireNonNull(singlePoint, "singlePoint");
        Objects.requireNonNull(singlePointEvidence, "singlePointEvidence");
        Objects.requireNonNull(bedOverride, "bedOverride");
        if (!(extrapolation >= 0) || Double.isInfinite(extrapolation)) {
            throw new CycleInputException(
                    "the extrapolation's relative SD must be a finite fraction ≥ 0, got " + extrapolation);
        }
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(expectedEffectiveHalfLife, "expectedEffectiveHalfLife");
        Objects.requireNonNull(calibrations, "calibrations");
    }

    /** The department's camera calibration factors, for series stored in counts. */
    public CycleOptions withCalibrations(CameraCalibrations value) {
        return new CycleOptions(
                method,
                registration,
                recovery,
                departmentPsfFwhmMm,
                uncertainty,
                extrapolation,
                bedOverride,
                roles,
                expectedEffectiveHalfLife,
                value,
                singlePoint,
                singlePointEvidence);
    }

    public CycleOptions withMethod(DoseMethod value) {
        return new CycleOptions(
                value,
                registration,
                recovery,
                departmentPsfFwhmMm,
                uncertainty,
                extrapolation,
                bedOverride,
                roles,
                expectedEffectiveHalfLife,
                calibrations,
                singlePoint,
                singlePointEvidence);
    }

    public CycleOptions withRegistration(Registration value) {
        return new CycleOptions(
                method,
                value,
                recovery,
                departmentPsfFwhmMm,
                uncertainty,
                extrapolation,
                bedOverride,
                roles,
                expectedEffectiveHalfLife,
                calibrations,
                singlePoint,
                singlePointEvidence);
    }

    public CycleOptions withRecovery(Recovery value) {
        return new CycleOptions(
                method,
                registration,
                value,
                departmentPsfFwhmMm,
                uncertainty,
                extrapolation,
                bedOverride,
                roles,
                expectedEffectiveHalfLife,
                calibrations,
                singlePoint,
                singlePointEvidence);
    }

    /** {@code text} "gtm" or "none", refused otherwise. */
    public CycleOptions withRecovery(String text, Optional<Double> givenFwhmMm, Optional<List<String>> regions) {
        return withRecovery(Recovery.parse(text, givenFwhmMm, regions));
    }

    public CycleOptions withDepartmentPsf(Optional<Double> value) {
        return new CycleOptions(
                method,
                registration,
                recovery,
                value,
                uncertainty,
                extrapolation,
                bedOverride,
                roles,
                expectedEffectiveHalfLife,
                calibrations,
                singlePoint,
                singlePointEvidence);
    }

    public CycleOptions withUncertainty(UncertaintyBudget value) {
        return new CycleOptions(
                method,
                registration,
                recovery,
                departmentPsfFwhmMm,
                value,
                extrapolation,
                bedOverride,
                roles,
                expectedEffectiveHalfLife,
                calibrations,
                singlePoint,
                singlePointEvidence);
    }

    public CycleOptions withExtrapolation(double value) {
        return new CycleOptions(
                method,
                registration,
                recovery,
                departmentPsfFwhmMm,
                uncertainty,
                value,
                bedOverride,
                roles,
                expectedEffectiveHalfLife,
                calibrations,
                singlePoint,
                singlePointEvidence);
    }

    public CycleOptions withBedOverride(Optional<TissueParameters> value) {
        return new CycleOptions(
                method,
                registration,
                recovery,
                departmentPsfFwhmMm,
                uncertainty,
                extrapolation,
                value,
                roles,
                expectedEffectiveHalfLife,
                calibrations,
                singlePoint,
                singlePointEvidence);
    }

    public CycleOptions withRoles(RoleRules value) {
        return new CycleOptions(
                method,
                registration,
                recovery,
                departmentPsfFwhmMm,
                uncertainty,
                extrapolation,
                bedOverride,
                value,
                expectedEffectiveHalfLife,
                calibrations,
                singlePoint,
                singlePointEvidence);
    }

    /** How a single time point is integrated. */
    public CycleOptions withSinglePoint(SinglePointChoice value) {
        return new CycleOptions(
                method,
                registration,
                recovery,
                departmentPsfFwhmMm,
                uncertainty,
                extrapolation,
                bedOverride,
                roles,
                expectedEffectiveHalfLife,
                calibrations,
                value,
                singlePointEvidence);
    }

    /** What the population single-scan method knows: the priors in force and the patient's earlier cycles. */
    public CycleOptions withSinglePointEvidence(SinglePointEvidence value) {
        return new CycleOptions(
                method,
                registration,
                recovery,
                departmentPsfFwhmMm,
                uncertainty,
                extrapolation,
                bedOverride,
                roles,
                expectedEffectiveHalfLife,
                calibrations,
                singlePoint,
                value);
    }

    /**
     * The single-time-point methods: the population prior of each VOI's region kind with a credible interval
     * (the default; org.netra.dosimetry.population), Hänscheid 2018 (A·2t/ln 2) or Madsen 2018 (the typical
     * effective half-life of the region kind, no interval).
     */
    public enum SinglePointChoice {
        POPULATION,
        HAENSCHEID,
        MADSEN;

        /** From "population", "hanscheid" (or "haenscheid", "hänscheid") or "madsen"; anything else is refused. */
        public static SinglePointChoice parse(String text) {
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "population" -> POPULATION;
                case "hanscheid", "haenscheid", "hänscheid" -> HAENSCHEID;
                case "madsen" -> MADSEN;
                default ->
                    throw new CycleInputException("--stp must be population, hanscheid or madsen, got '" + text + "'");
            };
        }
    }
}
