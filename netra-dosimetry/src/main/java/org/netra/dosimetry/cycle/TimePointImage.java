package org.netra.dosimetry.cycle;

import java.time.LocalDateTime;
import java.util.Objects;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;

/**
 * One scan of a cycle: activity concentration at its acquisition time (Bq/mL, no decay correction), and
 * when it was acquired.
 *
 * @param source where it came from (a folder, a file), for messages and reports
 */
public record TimePointImage(String source, ImageVolume activity, LocalDateTime acquisition) {
    public TimePointImage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(acquisition, "acquisition time of " + source);
        Objects.requireNonNull(activity, "image of " + source).requireUnit(VoxelUnit.BQ_PER_ML, "time point " + source);
    }

    public TimePointImage withActivity(ImageVolume other) {
        return new TimePointImage(source, other, acquisition);
    }
}
