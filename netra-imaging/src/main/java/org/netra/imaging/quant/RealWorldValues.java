package org.netra.imaging.quant;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.Decay;
import org.netra.physics.quantity.Times;

/**
 * Turns an assembled series into Bq/mL at the scan start. BQML series: NONE and START are already
 * there (NONE values are frame averages, which for a frame short against the half-life equal the
 * start value to within λT/2); ADMIN is undone by 2^(−Δt/T½), Δt from injection to scan start. Counts
 * series: divided by the frame duration, a calibration factor (cps/MBq) and the voxel volume.
 */
public final class RealWorldValues {
    private RealWorldValues() {}

    /** Bq/mL at scan start from a BQML series, undoing any decay correction to another time. */
    public static QuantitativeImage bqPerMlAtScanStart(AssembledSeries series) {
        AcquisitionFacts facts = AcquisitionFacts.of(series);
        String src = series.source();
        if (series.volume().unit() != VoxelUnit.BQ_PER_ML) {
            throw new QuantificationException(
                    src,
                    "(0054,1001) Units",
                    "the values are in '" + series.unitsCode() + "', not BQML, so they are no activity concentration",
                    "for counts use a SPECT calibration factor (cps/MBq); other units need the scanner's own"
                            + " conversion");
        }
        LocalDateTime start = facts.scanStart()
                .orElseThrow(() -> new QuantificationException(
                        src,
                        "(0008,0021)/(0008,0031) SeriesDate/Time",
                        "neither series nor acquisition date-time is present, so the scan time is unknown",
                        "re-export the series with its acquisition date and time"));
        ToScanStart decay = toScanStart(facts, src, start);
        return new QuantitativeImage(
                scaled(series.volume(), decay.factor(), VoxelUnit.BQ_PER_ML),
                facts,
                start,
                decay.factor(),
                decay.how());
    }

    /** What the values are multiplied by to refer to scan start, and that in words. */
    record ToScanStart(double factor, String how) {}

    /**
     * The factor that brings a series' values to scan start: NONE and START as they are, ADMIN undone by
     * 2^(−Δt/T½). Counts series share it with Bq/mL ones.
     */
    static ToScanStart toScanStart(AcquisitionFacts facts, String src, LocalDateTime start) {
        DecayCorrection dc = facts.decayCorrection()
                .orElseThrow(() -> new QuantificationException(
                        src,
                        "(0054,1102) DecayCorrection",
                        "missing or not one of NONE, START, ADMIN, so the time the values refer to is unknown",
                        "re-export the series with its Decay Correction"));
        double factor;
        String how;
        switch (dc) {
            case NONE -> {
                factor = 1;
                how = "not decay-corrected: values are at acquisition (frame average)";
            }
            case START -> {
                factor = 1;
                how = "decay-corrected to scan start " + start + ": used as is";
            }
            case ADMIN -> {
                RadiopharmaceuticalInformation r = facts.radiopharmaceutical()
                        .orElseThrow(() -> new QuantificationException(
                                src,
                                "(0054,0016) RadiopharmaceuticalInformationSequence",
                                "values are decay-corrected to administration but "
                                        + facts.radiopharmaceuticalProblem().orElse("the injection is unknown"),
                                "record the injection time in the series to undo the correction"));
                Duration dt = Duration.between(r.injection(), start);
                factor = Decay.factor(r.halfLife(), dt);
                how = String.format(
                        Locale.ROOT,
                        "decay-corrected to administration %s: multiplied by 2^(−%.4f h / %.4f h) = %.6f to refer to"
                                + " scan start %s",
                        r.injection(),
                        Times.hours(dt),
                        Times.hours(r.halfLife()),
                        factor,
                        start);
            }
            default -> throw new IllegalStateException();
        }
        return new ToScanStart(factor, how);
    }

    /**
     * Bq/mL from a counts series (reconstructed SPECT or planar): counts per voxel over
     * {@code acquisition} (the total acquisition time the counts were collected in), divided by the
     * calibration factor and the voxel volume. No decay correction is applied: the values are averages
     * over the acquisition.
     */
    public static QuantitativeImage bqPerMlFromCounts(
            AssembledSeries series, SpectCalibration calibration, Duration acquisition) {
        AcquisitionFacts facts = AcquisitionFacts.of(series);
        if (series.volume().unit() != VoxelUnit.COUNTS) {
            throw new QuantificationException(
                    series.source(),
                    "(0054,1001) Units",
                    "the values are in '" + series.unitsCode() + "', not counts",
                    "use bqPerMlAtScanStart for BQML series");
        }
        double seconds = Times.seconds(acquisition);
        if (!(seconds > 0)) {
            throw new QuantificationException(
                    series.source(),
                    "acquisition duration",
                    "must be positive, got " + acquisition,
                    "pass the total time over which the counts were acquired");
        }
        double voxelMl = series.volume().geometry().voxelVolume().inMl();
        double factor = 1e6 / (seconds * calibration.cpsPerMBq() * voxelMl);
        LocalDateTime start = facts.scanStart()
                .orElseThrow(() -> new QuantificationException(
                        series.source(),
                        "(0008,0022)/(0008,0032) AcquisitionDate/Time",
                        "the scan time is unknown",
                        "re-export the series with its acquisition date and time"));
        String how = String.format(
                Locale.ROOT,
                "counts / (%.1f s × %.4g cps/MBq × %.5g mL) → Bq/mL",
                seconds,
                calibration.cpsPerMBq(),
                voxelMl);
        return new QuantitativeImage(scaled(series.volume(), factor, VoxelUnit.BQ_PER_ML), facts, start, factor, how);
    }

    static ImageVolume scaled(ImageVolume v, double factor, VoxelUnit unit) {
        if (factor == 1) {
            return v.withUnit(unit);
        }
        float[] in = v.voxels();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (in[i] * factor);
        }
        return ImageVolume.wrap(v.geometry(), unit, out);
    }
}
