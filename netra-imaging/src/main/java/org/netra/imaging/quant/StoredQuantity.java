package org.netra.imaging.quant;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.volume.AssembledSeries;

/**
 * What the values of an assembled series are, before netra turns them into activity: vendors differ here more
 * than anywhere. Siemens xSPECT Quant and PET store Bq/mL (Units BQML, usually as PET Image Storage); GE and
 * most NM reconstructions store counts (the NM IOD has no Units at all), which need the camera's calibration
 * (cps/MBq, a department setting) and the time the counts were collected in. The caller switches over the
 * three cases; none is guessed into another.
 */
public sealed interface StoredQuantity {
    /** Units (0054,1001) as written, "" when absent. */
    String unitsCode();

    /** Bq/mL: {@link RealWorldValues#bqPerMlAtScanStart} applies. */
    record ActivityConcentration(String unitsCode, Optional<DecayCorrection> decayCorrection)
            implements StoredQuantity {}

    /**
     * Counts: {@link RealWorldValues#bqPerMlFromCounts} applies once a calibration is chosen.
     *
     * @param acquisitionTime how long the counts were collected, when the header says (rotation or frame
     *     durations); empty when it does not, and then the user must give it
     * @param how one sentence naming what was found, for the page or report
     */
    record CountsNeedingCalibration(String unitsCode, Optional<Duration> acquisitionTime, String how)
            implements StoredQuantity {}

    /** Neither activity nor counts (SUV, a ratio, an unknown code): no activity can be derived. */
    record NotActivity(String unitsCode, String why) implements StoredQuantity {}

    static StoredQuantity of(AssembledSeries series) {
        Attributes h = series.header();
        String units = series.unitsCode();
        String maker = h.string(Tag.MANUFACTURER).orElse("an unnamed manufacturer");
        return switch (series.volume().unit()) {
            case BQ_PER_ML ->
                new ActivityConcentration(units, h.string(Tag.DECAY_CORRECTION).flatMap(DecayCorrection::fromCode));
            case COUNTS -> {
                Optional<Duration> time = acquisitionTime(h);
                String source = units.isEmpty() ? "no Units (0054,1001), as the NM IOD has none" : "Units " + units;
                yield new CountsNeedingCalibration(
                        units,
                        time,
                        String.format(
                                Locale.ROOT,
                                "%s %s in counts (%s): needs the camera's calibration (cps/MBq) and %s",
                                maker,
                                series.modality(),
                                source,
                                time.map(t -> "the acquisition time, " + t.toMillis() / 1000.0 + " s from "
                                                + (h.contains(Tag.ROTATION_INFORMATION_SEQUENCE)
                                                        ? "the Rotation Information Sequence (views × frame duration)"
                                                        : "the Actual Frame Duration"))
                                        .orElse("the acquisition time, which the header does not give")));
            }
            case GY, HU, G_PER_ML, BQ_S, DIMENSIONLESS ->
                new NotActivity(
                        units,
                        "the values are in "
                                + (units.isEmpty() ? series.volume().unit().symbol() : units)
                                + ", neither Bq/mL nor counts: no activity can be derived from them");
        };
    }

    /**
     * The time the counts were collected in: per rotation, views × Actual Frame Duration (PS3.3 C.8.4.12; the
     * heads of a rotation acquire at once), summed over rotations; for planar, the Actual Frame Duration.
     */
    private static Optional<Duration> acquisitionTime(Attributes h) {
        List<Attributes> rotations = h.sequence(Tag.ROTATION_INFORMATION_SEQUENCE);
        long ms = 0;
        for (Attributes r : rotations) {
            var frame = r.integer(Tag.ACTUAL_FRAME_DURATION);
            var views = r.integer(Tag.NUMBER_OF_FRAMES_IN_ROTATION);
            if (frame.isEmpty() || views.isEmpty() || frame.getAsInt() <= 0 || views.getAsInt() <= 0) {
                return Optional.empty();
            }
            ms += (long) frame.getAsInt() * views.getAsInt();
        }
        if (rotations.isEmpty()) {
            var frame = h.integer(Tag.ACTUAL_FRAME_DURATION);
            if (frame.isEmpty() || frame.getAsInt() <= 0) {
                return Optional.empty();
            }
            ms = frame.getAsInt();
        }
        return Optional.of(Duration.ofMillis(ms));
    }
}
