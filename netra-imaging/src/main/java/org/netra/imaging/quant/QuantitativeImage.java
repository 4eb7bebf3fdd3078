package org.netra.imaging.quant;

import java.time.LocalDateTime;
import org.netra.imaging.volume.ImageVolume;

/**
 * Activity concentration in Bq/mL at the scan start ({@link AcquisitionFacts#scanStart}), whatever
 * decay correction the scanner applied.
 *
 * @param image the values in Bq/mL at {@code referenceTime}
 * @param factorApplied what the series' values were multiplied by to get there (1 when they already
 *     were; 2^(−Δt/T½) to undo a correction to administration)
 * @param how one sentence saying what was done, for reports
 */
public record QuantitativeImage(
        ImageVolume image, AcquisitionFacts facts, LocalDateTime referenceTime, double factorApplied, String how) {}
