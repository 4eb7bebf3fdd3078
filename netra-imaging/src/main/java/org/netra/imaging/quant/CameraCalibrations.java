package org.netra.imaging.quant;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.quantity.Times;

/**
 * The department's camera calibration factors and how old one may be before a result converted with it is warned
 * about. A series in counts is converted with the factor whose camera, collimator, window and nuclide match its
 * header ({@link #match}); none matching is a {@link MissingCalibrationException}, never a guess.
 *
 * @param maxAge a factor measured longer than this before the scan is stated as old next to the number (EANM/SNMMI
 *     practice is to re-measure at least yearly and after every service that touches the detectors)
 */
public record CameraCalibrations(List<CameraCalibration> entries, Period maxAge) {
    public static final Period DEFAULT_MAX_AGE = Period.ofMonths(12);

    /** No factors: a counts series is refused. */
    public static final CameraCalibrations NONE = new CameraCalibrations(List.of(), DEFAULT_MAX_AGE);

    public CameraCalibrations {
        entries = List.copyOf(entries);
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the calibration's maximum age must be positive, got " + maxAge);
        }
        List<String> ids = new ArrayList<>();
        for (CameraCalibration c : entries) {
            if (ids.contains(c.id())) {
                throw new IllegalArgumentException("two calibrations have the id '" + c.id() + "'");
            }
            ids.add(c.id());
        }
    }

    /**
     * The factor found for a series, and what netra had to assume to find it.
     *
     * @param assumed what the header did not state and was taken from the only candidate (shown with the number)
     * @param old the factor was measured more than {@link #maxAge} before the scan
     */
    public record Match(CameraCalibration calibration, List<String> assumed, boolean old) {
        public Match {
            assumed = List.copyOf(assumed);
        }
    }

    /**
     * The calibration for a series' set-up on {@code scanDate}: same manufacturer and model, the station name or
     * device serial the factor names, the same nuclide, collimator and photopeak window. Where the header does not
     * state the collimator or the windows, the one factor left for the camera and nuclide is used and the assumption
     * is returned; where several are left, the series is refused. Of several factors for one set-up the latest
     * measured is in force.
     */
    public Match match(CameraSetup setup, LocalDate scanDate) {
        String nuclide = setup.nuclide()
                .orElseThrow(() -> new MissingCalibrationException(
                        setup, "its radionuclide is not stated, so no calibration can be chosen"));
        List<CameraCalibration> found = entries.stream()
                .filter(c -> c.camera().manufacturer().equalsIgnoreCase(setup.manufacturer())
                        && c.camera().model().equalsIgnoreCase(setup.model())
                        && (setup.stationName()
                                        .filter(c.camera().device()::equalsIgnoreCase)
                                        .isPresent()
                                || setup.deviceSerial()
                                        .filter(c.camera().device()::equalsIgnoreCase)
                                        .isPresent())
                        && c.nuclide().equalsIgnoreCase(nuclide))
                .toList();
        List<String> assumed = new ArrayList<>();
        if (setup.collimator().isPresent()) {
            found = found.stream()
                    .filter(c ->
                            c.collimator().equalsIgnoreCase(setup.collimator().get()))
                    .toList();
        } else {
            assumed.add("the series does not state its collimator (0018,1180)");
        }
        if (!setup.windows().isEmpty()) {
            found = found.stream()
                    .filter(c -> setup.windows().stream().anyMatch(c.window()::sameAs))
                    .toList();
        } else {
            assumed.add("the series does not state its energy windows (0054,0012)");
        }
        if (found.isEmpty()) {
            throw new MissingCalibrationException(setup, "netra has no calibration factor for this set-up");
        }
        List<CameraCalibration> fitting = found;
        List<CameraCalibration> setups = fitting.stream()
                .filter(c -> fitting.stream()
                        .noneMatch(
                                o -> o != c && sameSetUp(o, c) && o.measuredOn().isAfter(c.measuredOn())))
                .toList();
        if (setups.size() > 1) {
            throw new MissingCalibrationException(
                    setup,
                    "several calibrations fit ("
                            + String.join(
                                    ", ",
                                    setups.stream()
                                            .map(CameraCalibration::describe)
                                            .toList())
                            + ") and the header does not say which collimator or window was used; re-export the"
                            + " series with them");
        }
        CameraCalibration c = setups.get(0);
        if (!assumed.isEmpty()) {
            assumed.add("used " + c.id() + ", the only calibration of this camera for " + nuclide + " ("
                    + c.collimator() + ", " + c.window() + ")");
        }
        return new Match(c, assumed, c.measuredOn().plus(maxAge).isBefore(scanDate));
    }

    private static boolean sameSetUp(CameraCalibration a, CameraCalibration b) {
        return a.camera().equals(b.camera())
                && a.collimator().equalsIgnoreCase(b.collimator())
                && a.window().sameAs(b.window())
                && a.nuclide().equalsIgnoreCase(b.nuclide());
    }

    /** A counts series converted, with the calibration that did it. */
    public record Converted(QuantitativeImage image, Match match) {}

    /**
     * Bq/mL from a series in counts: counts / (acquisition × sensitivity × voxel volume) with the matching factor,
     * the decay correction handled as for Bq/mL series ({@link RealWorldValues}). The {@code how} names the
     * calibration (id, date) and any assumption or age warning.
     */
    public Converted convert(AssembledSeries series) {
        String src = series.source();
        if (series.volume().unit() != VoxelUnit.COUNTS) {
            throw new QuantificationException(
                    src, "(0054,1001) Units", "is '" + series.unitsCode() + "', not counts", "no calibration needed");
        }
        CameraSetup setup = CameraSetup.of(series.header());
        AcquisitionFacts facts = AcquisitionFacts.of(series);
        LocalDateTime start = facts.scanStart()
                .orElseThrow(() -> new QuantificationException(
                        src,
                        "(0008,0021)/(0008,0031) SeriesDate/Time",
                        "the scan time is unknown",
                        "re-export the series with its acquisition date and time"));
        Duration acquisition = setup.acquisition()
                .orElseThrow(() -> new QuantificationException(
                        src,
                        "(0018,1242) ActualFrameDuration",
                        "the acquisition duration is missing, so counts cannot become a count rate",
                        "re-export the series with its frame duration (and, for NM images, (0054,0053) frames per"
                                + " rotation)"));
        Match m = match(setup, start.toLocalDate());
        QuantitativeImage counts =
                RealWorldValues.bqPerMlFromCounts(series, m.calibration().sensitivity(), acquisition);
        RealWorldValues.ToScanStart decay = RealWorldValues.toScanStart(facts, src, start);
        StringBuilder how = new StringBuilder(String.format(
                Locale.ROOT,
                "counts over %.1f s / (%s) / voxel volume → Bq/mL; %s",
                Times.seconds(acquisition),
                m.calibration().describe(),
                decay.how()));
        if (m.old()) {
            how.append(String.format(
                    Locale.ROOT,
                    "; WARNING: calibration %s was measured %s, more than %s before the scan: re-measure it",
                    m.calibration().id(),
                    m.calibration().measuredOn(),
                    describe(maxAge)));
        }
        m.assumed().forEach(a -> how.append("; assumed: ").append(a));
        QuantitativeImage image = new QuantitativeImage(
                RealWorldValues.scaled(counts.image(), decay.factor(), VoxelUnit.BQ_PER_ML),
                facts,
                start,
                counts.factorApplied() * decay.factor(),
                how.toString());
        return new Converted(image, m);
    }

    static String describe(Period p) {
        return p.getYears() * 12 + p.getMonths() + " months" + (p.getDays() > 0 ? " " + p.getDays() + " days" : "");
    }

    /** The entries ordered by camera, then latest first, for pages. */
    public List<CameraCalibration> sorted() {
        return entries.stream()
                .sorted(Comparator.comparing((CameraCalibration c) -> c.camera().toString())
                        .thenComparing(CameraCalibration::measuredOn, Comparator.reverseOrder()))
                .toList();
    }
}
