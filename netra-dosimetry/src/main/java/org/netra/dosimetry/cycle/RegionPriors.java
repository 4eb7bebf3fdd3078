package org.netra.dosimetry.cycle;

import java.util.Locale;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.dosimetry.population.EffectiveHalfLifePrior;
import org.netra.dosimetry.population.RegionKind;
import org.netra.dosimetry.population.SinglePointEvidence;

/**
 * Which population prior a VOI takes for a single time point: by its role, and for other organs by its name
 * (liver, spleen); an organ netra has no prior for takes the whole-body one, and says so in its TIA's why.
 */
final class RegionPriors {
    private RegionPriors() {}

    static RegionKind kindOf(RegionRole role, String voiName) {
        return switch (role) {
            case KIDNEY, KIDNEY_CORTEX -> RegionKind.KIDNEY;
            case MARROW -> RegionKind.MARROW_BLOOD;
            case TUMOUR -> RegionKind.TUMOUR;
            // no population prior for urine in transit: the whole body's, said so in the TIA's why
            case BODY, URINARY_BLADDER -> RegionKind.WHOLE_BODY;
            case ORGAN -> {
                String n = voiName.toLowerCase(Locale.ROOT);
                if (n.contains("liver") || n.contains("hepa")) {
                    yield RegionKind.LIVER;
                }
                if (n.contains("spleen") || n.contains("splen")) {
                    yield RegionKind.SPLEEN;
                }
                yield RegionKind.WHOLE_BODY;
            }
        };
    }

    /**
     * The chosen method with the figures of the region kind: the population method takes the prior in force, narrowed
     * to the patient's own clearance where {@code evidence} holds earlier cycles of the VOI; Madsen the prior's
     * typical T_eff (one population value); Hänscheid none.
     */
    static SinglePointMethod forRegion(
            CycleOptions.SinglePointChoice choice, RegionKind kind, String voiName, SinglePointEvidence evidence) {
        EffectiveHalfLifePrior prior = evidence.priors().get(kind);
        return switch (choice) {
            case POPULATION -> SinglePointMethod.Population.of(evidence.priorFor(kind, voiName));
            case HAENSCHEID -> new SinglePointMethod.Haenscheid();
            case MADSEN -> new SinglePointMethod.Madsen(prior.typicalEffectiveHalfLife());
        };
    }

    /**
     * The settings' method for one VOI: the population method takes its region kind's prior (and the patient's
     * earlier cycles of it); Hänscheid has no population figure and Madsen keeps the one T_eff it was given (as
     * published, one population value).
     */
    static SinglePointMethod forRegion(
            SinglePointMethod global, RegionKind kind, String voiName, SinglePointEvidence evidence) {
        return switch (global) {
            case SinglePointMethod.Haenscheid h -> h;
            case SinglePointMethod.Madsen m -> m;
            case SinglePointMethod.Population p ->
                forRegion(CycleOptions.SinglePointChoice.POPULATION, kind, voiName, evidence);
        };
    }
}
