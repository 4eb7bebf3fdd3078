package org.netra.clinical.diagnosis;

import java.util.Objects;
import java.util.Optional;

/**
 * What netra measured for a lesion of a read in an image series it holds, kept with the read for audit: the
 * series (its UID), the VOI, and the numbers — a suggested Krenning grade with the mean uptakes it came from
 * (SRS), body-weight SUVs (PET/CT), or why nothing could be suggested. The reader's own grade or SUV is what
 * the lesion records; this is beside it.
 */
public sealed interface LesionUptake {
    /** The lesion of the read ("L1" …), or "whole body" for a whole-body maximum. */
    String lesionId();

    String seriesInstanceUid();

    /** The VOI's name in the study's RTSTRUCT (empty for the whole body). */
    String voi();

    /** A suggested grade from mean uptakes in Bq/mL at scan start. */
    record KrenningSuggested(
            String lesionId,
            String seriesInstanceUid,
            String voi,
            KrenningScore suggested,
            double tumourBqPerMl,
            double liverBqPerMl,
            double spleenBqPerMl)
            implements LesionUptake {
        public KrenningSuggested {
            check(lesionId, seriesInstanceUid, voi);
            Objects.requireNonNull(suggested, "suggested grade");
            if (!(tumourBqPerMl >= 0) || !(liverBqPerMl > 0) || !(spleenBqPerMl > 0)) {
                throw new IllegalArgumentException("uptakes must be finite, liver and spleen positive");
            }
        }
    }

    /** No grade could be suggested, and why (e.g. the study has no liver VOI). */
    record KrenningNotSuggested(String lesionId, String seriesInstanceUid, String voi, String reason)
            implements LesionUptake {
        public KrenningNotSuggested {
            check(lesionId, seriesInstanceUid, voi);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Body-weight SUVs of a VOI; for the whole body the maximum only ({@code suvMean} empty: a mean over the
     * whole field of view, air included, would mean nothing).
     */
    record SuvRead(String lesionId, String seriesInstanceUid, String voi, double suvMax, Optional<Double> suvMean)
            implements LesionUptake {
        public SuvRead {
            check(lesionId, seriesInstanceUid, voi);
            suvMean = suvMean == null ? Optional.empty() : suvMean;
            if (!Double.isFinite(suvMax)) {
                throw new IllegalArgumentException("SUVmax must be a finite number, got " + suvMax);
            }
            double max = suvMax;
            if (suvMean.isPresent()
                    && !suvMean.filter(m -> Double.isFinite(m) && m <= max).isPresent()) {
                throw new IllegalArgumentException(
                        "SUVmean (" + suvMean.get() + ") must be finite and at most SUVmax (" + suvMax + ")");
            }
        }
    }

    private static void check(String lesionId, String seriesInstanceUid, String voi) {
        if (lesionId == null || lesionId.isBlank() || seriesInstanceUid == null || seriesInstanceUid.isBlank()) {
            throw new IllegalArgumentException("a measured uptake names its lesion and series");
        }
        Objects.requireNonNull(voi, "voi");
    }
}
