package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The department's virtual-cycle-0 predictors (68Ga PET SUVmean → 177Lu Gy/GBq) as one versioned, audited record
 * ({@link #ID}); its store version is the predictor version every prediction names. Before a recalibration is
 * saved the published defaults apply (version 0, no fits). Plain values here; netra-dosimetry's
 * {@code PetDosePredictor} is what they parameterise.
 */
public record CycleZeroSettings(String id, List<Fit> fits) {
    /** One set of predictors per department (per netra server). */
    public static final String ID = "department";

    /** Before any recalibration: the published defaults. */
    public static final CycleZeroSettings PUBLISHED = new CycleZeroSettings(ID, List.of());

    /**
     * One region's fitted predictor: ln(Gy/GBq) = intercept + slope·ln(SUV/referenceSuv); the normal–inverse-gamma
     * posterior's scale matrix (v00, v01, v11), shape and rate; how many patients it was fitted on.
     */
    public record Fit(
            String region,
            double referenceSuv,
            double intercept,
            double slope,
            double v00,
            double v01,
            double v11,
            double shape,
            double rate,
            int patients,
            String source) {
        public Fit {
            Objects.requireNonNull(region, "region of a cycle-0 fit");
            if (patients < 1) {
                throw new IllegalArgumentException("a saved " + region + " fit needs at least one patient");
            }
        }

        /** The fit in one line, as the CLI and the population page show it. */
        public String describe() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%s: ln Gy/GBq = %.3f + %.3f ln(SUV/%.0f), %d measured; %s",
                    region,
                    intercept,
                    slope,
                    referenceSuv,
                    patients,
                    source);
        }
    }

    public CycleZeroSettings {
        if (!ID.equals(id)) {
            throw new IllegalArgumentException("the department's cycle-0 predictors have the id " + ID + ", got " + id);
        }
        fits = List.copyOf(Objects.requireNonNull(fits, "fits"));
    }

    /** The department's fit for a region ("kidney", "tumour", "spleen"), if it has recalibrated one. */
    public Optional<Fit> fit(String region) {
        return fits.stream().filter(f -> f.region().equals(region)).findFirst();
    }
}
