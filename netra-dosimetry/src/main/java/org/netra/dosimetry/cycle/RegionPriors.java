package org.netra.dosimetry.cycle;

import java.util.Locale;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.dosimetry.population.EffectiveHalfLifePrior;
import org.netra.dosimetry.population.RegionKind;

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

    /** The chosen method with the population figures of the region kind (Hänscheid has none). */
    static SinglePointMethod forRegion(CycleOptions.SinglePointChoice choice, RegionKind kind) {
        EffectiveHalfLifePrior prior = EffectiveHalfLifePrior.lu177Dotatate(kind);
        return switch (choice) {
            case POPULATION -> new SinglePointMethod.Population(prior);
            case HAENSCHEID -> new SinglePointMethod.Haenscheid();
            case MADSEN -> new SinglePointMethod.Madsen(prior.typicalEffectiveHalfLife());
        };
    }

    /**
     * The settings' method for one region: the population method takes the region kind's prior; Hänscheid has
     * no population figure and Madsen keeps the one T_eff it was given (as published, one population value).
     */
    static SinglePointMethod forRegion(SinglePointMethod global, RegionKind kind) {
        return switch (global) {
            case SinglePointMethod.Haenscheid h -> h;
            case SinglePointMethod.Madsen m -> m;
            case SinglePointMethod.Population p -> forRegion(CycleOptions.SinglePointChoice.POPULATION, kind);
        };
    }
}
