package org.netra.dosimetry.kinetics;

import java.time.Duration;
import org.netra.dosimetry.population.EffectiveHalfLifePrior;
import org.netra.dosimetry.population.PopulationSinglePoint;
import org.netra.dosimetry.population.SinglePointEvidence;
import org.netra.dosimetry.population.StpEstimate;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/** Estimating the time-integrated activity from a single time point. */
public sealed interface SinglePointMethod {

    /** The TIA in MBq·h from activity {@code mbq} measured {@code hours} after injection. */
    double tiaMBqHours(double hours, double mbq);

    /**
     * Hänscheid et al., J Nucl Med 2018;59:75–81: TIA ≈ A(t)·2t/ln 2. For a mono-exponential curve the
     * ratio to the true TIA is 2x·e^(−x)/ln 2 with x = λt: exact at t = T_eff (x = ln 2) and again at
     * t = 2·T_eff (x = 2 ln 2, since 4 ln 2 · ¼ / ln 2 = 1); largest, 2/(e·ln 2) ≈ 1.061, and least sensitive
     * to T_eff at t = T_eff/ln 2 ≈ 1.44·T_eff (x = 1). So a measurement between T_eff and 2·T_eff
     * over-estimates by at most 6.1 %.
     */
    record Haenscheid() implements SinglePointMethod {
        @Override
        public double tiaMBqHours(double hours, double mbq) {
            return mbq * 2 * hours / Math.log(2);
        }
    }

    /**
     * Madsen et al., Med Phys 2018;45:2318–2324: a mono-exponential with a population effective half-life
     * through the one point, TIA = A(t)·e^(λt)/λ with λ = ln 2 / T_eff,population.
     */
    record Madsen(Duration populationEffectiveHalfLife) implements SinglePointMethod {
        public Madsen {
            Models.positive(populationEffectiveHalfLife, "population effective half-life");
        }

        @Override
        public double tiaMBqHours(double hours, double mbq) {
            double lambda = Math.log(2) / Times.hours(populationEffectiveHalfLife);
            return mbq * Math.exp(lambda * hours) / lambda;
        }
    }

    /**
     * The population method (issue 19): the posterior median of the TIA under a log-normal prior on the
     * region's effective half-life, with a 90 % credible interval ({@link PopulationSinglePoint}).
     */
    record Population(EffectiveHalfLifePrior prior, String basis) implements SinglePointMethod {
        public Population {
            java.util.Objects.requireNonNull(prior, "prior");
            java.util.Objects.requireNonNull(basis, "basis");
        }

        /** The population prior alone ("population prior"). */
        public Population(EffectiveHalfLifePrior prior) {
            this(prior, SinglePointEvidence.POPULATION_PRIOR);
        }

        /** The prior a VOI takes, named as the report shows it ("population, individualised on cycles 1–2"). */
        public static Population of(SinglePointEvidence.RegionPrior chosen) {
            return new Population(chosen.prior(), chosen.basis());
        }

        @Override
        public double tiaMBqHours(double hours, double mbq) {
            return estimate(hours, mbq).median().inMBqHours();
        }

        /** The whole posterior summary: median and 90 % interval. */
        public StpEstimate estimate(double hours, double mbq) {
            // the TIA is linear in the activity: the quadrature runs once, for 1 MBq
            StpEstimate unit = PopulationSinglePoint.estimate(prior, Times.ofHours(hours), Activity.ofMBq(1));
            return unit.scaled(mbq);
        }
    }
}
