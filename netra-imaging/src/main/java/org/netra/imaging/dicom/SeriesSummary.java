package org.netra.imaging.dicom;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netra.physics.quantity.Activity;

/**
 * What a series is, from its headers: enough to pick the right series for quantification. Absent
 * elements are empty, never guessed.
 *
 * @param frames frames of a multi-frame file summed over files (for single-frame series, the files)
 * @param sliceSpacingMm spacing of image positions along the slice normal (median), else Spacing
 *     Between Slices (0018,0088)
 */
public record SeriesSummary(
        String seriesInstanceUid,
        String modality,
        String sopClassUid,
        String sopClassName,
        int rows,
        int columns,
        int frames,
        Optional<double[]> pixelSpacingMm,
        OptionalDouble sliceSpacingMm,
        Optional<String> units,
        Optional<String> decayCorrection,
        Optional<Activity> injectedActivity,
        Optional<LocalDateTime> injectionDateTime,
        Optional<LocalDateTime> acquisitionDateTime,
        Optional<String> seriesDescription,
        int files) {}
