package org.netra.imaging.quant;

import java.util.List;
import org.netra.physics.quantity.Activity;

/** The factor that turns Bq/mL at scan start into an SUV, or why there is none. */
public sealed interface SuvFactor {
    SuvNormalisation normalisation();

    /**
     * SUV = C (Bq/mL at scan start) × {@code factor}.
     *
     * @param factor mL per Bq times the normalising size: g/mL·(mL/Bq)… i.e. size / activity at scan start
     * @param size the normalising size: grams for weight and lean mass, cm² for BSA
     * @param injectedAtScanStart the injected activity decayed to scan start
     */
    record Defined(SuvNormalisation normalisation, double factor, double size, Activity injectedAtScanStart)
            implements SuvFactor {}

    /** SUV cannot be computed, with every reason found. */
    record Undefined(SuvNormalisation normalisation, List<String> reasons) implements SuvFactor {
        public Undefined {
            reasons = List.copyOf(reasons);
        }
    }
}
