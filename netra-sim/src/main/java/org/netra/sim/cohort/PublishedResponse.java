package org.netra.sim.cohort;

import java.util.Optional;
import org.netra.clinical.followup.Response;

/**
 * Best response as Kwekkeboom et al. report it for 177Lu-octreotate (J Clin Oncol 2008;26:2124, 310 patients,
 * SWOG-style criteria): CR 2 %, PR 28 %, minor response 16 %, SD 35 %, PD 20 % (docs/DOMAIN.md §1). RECIST 1.1
 * has no minor response; a RECIST stable disease whose best shrinkage of the diameter sum is at least 13.4 %
 * (a 25 % fall of the bidimensional product, the SWOG threshold: 1 − √0.75) counts as MR here.
 */
public enum PublishedResponse {
    CR(0.02),
    PR(0.28),
    MR(0.16),
    SD(0.35),
    PD(0.20);

    /** The diameter-sum shrinkage that is a 25 % fall of the product of two diameters. */
    public static final double MINOR_RESPONSE_SHRINKAGE = 1 - Math.sqrt(0.75);

    private final double published;

    PublishedResponse(double published) {
        this.published = published;
    }

    /** The published proportion (they sum to 1.01 as published; use {@link #probability()} to draw). */
    public double published() {
        return published;
    }

    public double probability() {
        return published / 1.01;
    }

    /** The category of a RECIST best response and the best fall of the target sum from baseline (0.2 = −20 %). */
    public static Optional<PublishedResponse> classify(Response recist, double bestShrinkage) {
        return switch (recist) {
            case CR -> Optional.of(CR);
            case PR -> Optional.of(PR);
            case SD -> Optional.of(bestShrinkage >= MINOR_RESPONSE_SHRINKAGE ? MR : SD);
            case PD -> Optional.of(PD);
            case NE -> Optional.empty();
        };
    }
}
