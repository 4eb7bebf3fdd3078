package org.netra.clinical.therapy;

import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;

/**
 * Limits of dosimetry-guided PRRT (docs/DOMAIN.md §1): cumulative kidney BED 27 Gy (Garske-Román et al.,
 * EJNMMI 2018; 28 Gy with risk factors, 40 Gy without, Bodei 2008), bone marrow 2 Gy (Bergsma et al.,
 * EJNMMI 2016); standard cycle 7.4 GBq; a cycle below {@code minimumActivity} is not worth giving
 * (default 1.85 GBq, a quarter cycle — a local choice, confirm); at most 8 cycles.
 */
public record ContinuationConfig(
        AbsorbedDose kidneyBedLimit,
        AbsorbedDose marrowLimit,
        KidneyRadiobiology kidney,
        Activity standardActivity,
        Activity minimumActivity,
        int maxCycles) {
    public static final ContinuationConfig DEFAULTS = new ContinuationConfig(
            AbsorbedDose.ofGy(27),
            AbsorbedDose.ofGy(2),
            KidneyRadiobiology.DEFAULTS,
            Activity.ofGBq(7.4),
            Activity.ofGBq(1.85),
            8);

    public ContinuationConfig withKidneyBedLimit(AbsorbedDose limit) {
        return new ContinuationConfig(limit, marrowLimit, kidney, standardActivity, minimumActivity, maxCycles);
    }
}
