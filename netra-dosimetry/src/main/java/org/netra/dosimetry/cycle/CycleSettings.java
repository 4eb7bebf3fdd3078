package org.netra.dosimetry.cycle;

import java.util.Objects;
import org.netra.dosimetry.kinetics.KineticsSettings;
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
 * @param bedTissue α/β and repair half-time for the BED column
 * @param tissueDensity the density of a VOI where no CT is given (mass = volume × density)
 */
public record CycleSettings(
        KineticsSettings kinetics, UncertaintyBudget uncertainty, TissueParameters bedTissue, Density tissueDensity) {

    /**
     * The default uncertainty budget, relative SDs: calibration 5 %, VOI activity 10 %, VOI mass 10 %,
     * uncorrelated. These are netra's assumptions of the order the EANM guidance's examples show for 177Lu
     * SPECT/CT (Gear et al., EJNMMI 2018;45:2456; Finocchiaro et al., EJNMMI Phys 2020;7:63); a site should
     * set its own from its calibration and recovery measurements.
     */
    public static final UncertaintyBudget DEFAULT_UNCERTAINTY = new UncertaintyBudget(0.05, 0.10, 0.10, 0);

    public CycleSettings {
        Objects.requireNonNull(kinetics, "kinetics");
        Objects.requireNonNull(uncertainty, "uncertainty");
        Objects.requireNonNull(bedTissue, "bedTissue");
        Objects.requireNonNull(tissueDensity, "tissueDensity");
    }

    /** Defaults for {@code nuclide}: netra's kinetics rules, the default budget, kidney BED, soft tissue 1.04 g/mL. */
    public static CycleSettings of(Nuclide nuclide) {
        return new CycleSettings(
                KineticsSettings.of(nuclide),
                DEFAULT_UNCERTAINTY,
                TissueParameters.KIDNEY,
                KernelMedium.SOFT_TISSUE.density());
    }

    public CycleSettings withUncertainty(UncertaintyBudget budget) {
        return new CycleSettings(kinetics, budget, bedTissue, tissueDensity);
    }

    public CycleSettings withBedTissue(TissueParameters tissue) {
        return new CycleSettings(kinetics, uncertainty, tissue, tissueDensity);
    }
}
