package org.netra.dosimetry.cycle;

import java.util.Objects;
import java.util.Optional;
import org.netra.dosimetry.kinetics.KineticsSettings;
import org.netra.dosimetry.population.SinglePointEvidence;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.dosimetry.uncertainty.UncertaintyBudget;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.quantity.Density;

/**
 * The choices behind a cycle's dosimetry besides the dose method.
 *
 * @param kinetics the region-level time–activity rules (model families, weighting, AICc window, single point)
 * @param uncertainty the relative SDs besides the fit (EANM: calibration, VOI activity, VOI mass)
 * @param bedOverride α/β and repair half-time for every VOI's BED when the user asked for one set; empty for the
 *     tissue of each VOI's role ({@link #bedTissue})
 * @param tissueDensity the density of a VOI where no CT is given (mass = volume × density)
 * @param roles how VOI names become roles
 * @param extrapolation relative SD of the part of a TIA after the last scan (see {@link #DEFAULT_EXTRAPOLATION})
 * @param singlePointEvidence the priors in force and the patient's earlier cycles, for a VOI scanned once under the
 *     population method
 */
public record CycleSettings(
        KineticsSettings kinetics,
        UncertaintyBudget uncertainty,
        Optional<TissueParameters> bedOverride,
        Density tissueDensity,
        RoleRules roles,
        double extrapolation,
        SinglePointEvidence singlePointEvidence) {

    /**
     * The default uncertainty budget, relative SDs: calibration 5 %, VOI activity 10 %, VOI mass 10 %,
     * uncorrelated. These are netra's assumptions of the order the EANM guidance's examples show for 177Lu
     * SPECT/CT (Gear et al., EJNMMI 2018;45:2456; Finocchiaro et al., EJNMMI Phys 2020;7:63); a site should
     * set its own from its calibration and recovery measurements.
     */
    public static final UncertaintyBudget DEFAULT_UNCERTAINTY = new UncertaintyBudget(0.05, 0.10, 0.10, 0);

    /**
     * Relative SD (1 SD) of the TIA's unmeasured tail, the part after the last scan: netra's assumption (no scan
     * constrains the clearance there, and the EANM guidance leaves the extrapolation's uncertainty to the
     * site). The TIA's SD gains f·{@code extrapolation}, f the extrapolated fraction.
     */
    public static final double DEFAULT_EXTRAPOLATION = 0.20;

    public CycleSettings {
        Objects.requireNonNull(kinetics, "kinetics");
        Objects.requireNonNull(uncertainty, "uncertainty");
        Objects.requireNonNull(bedOverride, "bedOverride");
        Objects.requireNonNull(tissueDensity, "tissueDensity");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(singlePointEvidence, "singlePointEvidence");
        if (!(extrapolation >= 0) || Double.isInfinite(extrapolation)) {
            throw new IllegalArgumentException(
                    "the extrapolation's relative SD must be a finite fraction ≥ 0, got " + extrapolation);
        }
    }

    /**
     * Defaults for {@code nuclide}: netra's kinetics rules, the default budget, BED by each VOI's tissue, soft
     * tissue 1.04 g/mL, netra's role rules.
     */
    public static CycleSettings of(Nuclide nuclide) {
        return new CycleSettings(
                KineticsSettings.of(nuclide),
                DEFAULT_UNCERTAINTY,
                Optional.empty(),
                KernelMedium.SOFT_TISSUE.density(),
                RoleRules.DEFAULT,
                DEFAULT_EXTRAPOLATION,
                SinglePointEvidence.PUBLISHED);
    }

    /**
     * The BED tissue of a VOI of {@code role}: the override if given; else the kidney's sourced parameters for
     * a kidney or its cortex, the tumour assumption for a tumour, and none for other tissues (no sourced
     * α/β: their BED is not reported unless the user gives one).
     */
    public Optional<TissueParameters> bedTissue(RegionRole role) {
        if (bedOverride.isPresent()) {
            return bedOverride;
        }
        return switch (role) {
            case KIDNEY, KIDNEY_CORTEX -> Optional.of(TissueParameters.KIDNEY);
            case TUMOUR -> Optional.of(TissueParameters.TUMOUR);
            case MARROW, URINARY_BLADDER, BODY, ORGAN -> Optional.empty();
        };
    }

    public CycleSettings withKinetics(KineticsSettings value) {
        return new CycleSettings(
                value, uncertainty, bedOverride, tissueDensity, roles, extrapolation, singlePointEvidence);
    }

    public CycleSettings withUncertainty(UncertaintyBudget budget) {
        return new CycleSettings(
                kinetics, budget, bedOverride, tissueDensity, roles, extrapolation, singlePointEvidence);
    }

    /** Every VOI's BED with {@code tissue}, whatever its role. */
    public CycleSettings withBedTissue(TissueParameters tissue) {
        return new CycleSettings(
                kinetics, uncertainty, Optional.of(tissue), tissueDensity, roles, extrapolation, singlePointEvidence);
    }

    public CycleSettings withRoles(RoleRules rules) {
        return new CycleSettings(
                kinetics, uncertainty, bedOverride, tissueDensity, rules, extrapolation, singlePointEvidence);
    }

    /** The priors and earlier cycles a VOI scanned once takes under the population method. */
    public CycleSettings withSinglePointEvidence(SinglePointEvidence value) {
        return new CycleSettings(kinetics, uncertainty, bedOverride, tissueDensity, roles, extrapolation, value);
    }

    public CycleSettings withExtrapolation(double relativeSd) {
        return new CycleSettings(
                kinetics, uncertainty, bedOverride, tissueDensity, roles, relativeSd, singlePointEvidence);
    }
}
