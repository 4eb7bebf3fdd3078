package org.netra.imaging.quant;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;

/**
 * The header facts quantification needs, read once from a series; absent elements are empty, never
 * guessed. The reference time ({@link #scanStart}) follows the vendor-neutral rule of the QIBA SUV
 * pseudo-code: Series Date/Time when it is not after the earliest acquisition, else the earliest
 * Acquisition Date/Time (some scanners rewrite Series Time on post-processing).
 */
public record AcquisitionFacts(
        String source,
        String modality,
        String units,
        Optional<DecayCorrection> decayCorrection,
        Optional<LocalDateTime> scanStart,
        Optional<Duration> frameDuration,
        Optional<RadiopharmaceuticalInformation> radiopharmaceutical,
        Optional<String> radiopharmaceuticalProblem,
        Optional<Mass> patientWeight,
        OptionalDouble patientHeightM,
        Optional<String> patientSex,
        List<String> correctedImage,
        Optional<String> attenuationCorrectionMethod) {

    private static final Pattern MASS_AND_ELEMENT = Pattern.compile("\\^?(\\d{1,3})\\^?\\s*([A-Za-z]+)");
    /** Element names as Radionuclide Code Sequence meanings spell them ("177 Lutetium"). */
    private static final Map<String, String> ELEMENTS = Map.ofEntries(
            Map.entry("lutetium", "Lu"),
            Map.entry("fluorine", "F"),
            Map.entry("gallium", "Ga"),
            Map.entry("technetium", "Tc"),
            Map.entry("indium", "In"),
            Map.entry("iodine", "I"),
            Map.entry("yttrium", "Y"),
            Map.entry("copper", "Cu"),
            Map.entry("zirconium", "Zr"),
            Map.entry("rubidium", "Rb"),
            Map.entry("carbon", "C"),
            Map.entry("nitrogen", "N"),
            Map.entry("oxygen", "O"),
            Map.entry("thallium", "Tl"),
            Map.entry("holmium", "Ho"),
            Map.entry("radium", "Ra"),
            Map.entry("actinium", "Ac"),
            Map.entry("lead", "Pb"),
            Map.entry("terbium", "Tb"));

    /** The facts of an assembled series. */
    public static AcquisitionFacts of(AssembledSeries series) {
        return of(series.header(), series.earliestAcquisition());
    }

    /** The facts of a header, with the earliest acquisition time over the series' files if known. */
    public static AcquisitionFacts of(Attributes ds, Optional<LocalDateTime> earliestAcquisition) {
        Optional<LocalDateTime> acquisition = earliestAcquisition.or(() -> ds.dateTime(Tag.ACQUISITION_DATE_TIME)
                .or(() -> ds.dateTime(Tag.ACQUISITION_DATE, Tag.ACQUISITION_TIME)));
        Optional<LocalDateTime> series = ds.dateTime(Tag.SERIES_DATE, Tag.SERIES_TIME);
        Optional<LocalDateTime> start =
                series.isPresent() && (acquisition.isEmpty() || !series.get().isAfter(acquisition.get()))
                        ? series
                        : acquisition;
        Optional<Duration> frame = ds.decimal(Tag.ACTUAL_FRAME_DURATION).isPresent()
                        && ds.decimal(Tag.ACTUAL_FRAME_DURATION).getAsDouble() > 0
                ? Optional.of(Duration.ofMillis(
                        Math.round(ds.decimal(Tag.ACTUAL_FRAME_DURATION).getAsDouble())))
                : Optional.empty();
        Optional<RadiopharmaceuticalInformation> pharm = Optional.empty();
        Optional<String> pharmProblem = Optional.empty();
        try {
            pharm = Optional.of(radiopharmaceutical(ds));
        } catch (QuantificationException e) {
            pharmProblem = Optional.of(e.getMessage());
        }
        OptionalDouble weight = ds.decimal(Tag.PATIENT_WEIGHT);
        OptionalDouble height = ds.decimal(Tag.PATIENT_SIZE);
        return new AcquisitionFacts(
                ds.source(),
                ds.string(Tag.MODALITY).orElse(""),
                ds.string(Tag.UNITS).orElse(""),
                ds.string(Tag.DECAY_CORRECTION).flatMap(DecayCorrection::fromCode),
                start,
                frame,
                pharm,
                pharmProblem,
                weight.isPresent() && weight.getAsDouble() > 0
                        ? Optional.of(Mass.ofKg(weight.getAsDouble()))
                        : Optional.empty(),
                height.isPresent() && height.getAsDouble() > 0 ? height : OptionalDouble.empty(),
                ds.string(Tag.PATIENT_SEX).filter(s -> s.equals("M") || s.equals("F")),
                ds.strings(Tag.CORRECTED_IMAGE),
                ds.string(Tag.ATTENUATION_CORRECTION_METHOD));
    }

    /**
     * The radiopharmaceutical, or a {@link QuantificationException} naming the missing element: the
     * injection time from (0018,1078), else Series Date with (0018,1072); the dose from (0018,1074); the
     * half-life from (0018,1075), else the ICRP-107 catalogue through the Radionuclide Code Sequence.
     */
    public static RadiopharmaceuticalInformation radiopharmaceutical(Attributes ds) {
        String src = ds.source();
        Attributes item = ds.sequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE).stream()
                .findFirst()
                .orElseThrow(() -> new QuantificationException(
                        src,
                        "(0054,0016) RadiopharmaceuticalInformationSequence",
                        "missing, so the injected activity and time are unknown",
                        "export the series with its radiopharmaceutical information, or enter the injection by hand"));
        LocalDateTime injection = item.dateTime(Tag.RADIOPHARMACEUTICAL_START_DATE_TIME)
                .or(() -> ds.date(Tag.SERIES_DATE)
                        .or(() -> ds.date(Tag.ACQUISITION_DATE))
                        .flatMap(d ->
                                item.time(Tag.RADIOPHARMACEUTICAL_START_TIME).map(d::atTime)))
                .orElseThrow(() -> new QuantificationException(
                        src,
                        "(0018,1078) RadiopharmaceuticalStartDateTime",
                        "the injection time is missing (neither (0018,1078) nor (0018,1072) with a Series Date)",
                        "record the injection date and time in the series (or pass it explicitly) before"
                                + " quantifying"));
        OptionalDouble dose = item.decimal(Tag.RADIONUCLIDE_TOTAL_DOSE);
        if (dose.isEmpty() || !(dose.getAsDouble() > 0)) {
            throw new QuantificationException(
                    src,
                    "(0018,1074) RadionuclideTotalDose",
                    "the injected activity is missing or not positive",
                    "record the injected activity (Bq) in the series before computing SUV");
        }
        Optional<String> nuclide = item.sequence(Tag.RADIONUCLIDE_CODE_SEQUENCE).stream()
                .findFirst()
                .flatMap(c -> c.string(Tag.CODE_MEANING))
                .flatMap(AcquisitionFacts::nuclideName);
        OptionalDouble halfLife = item.decimal(Tag.RADIONUCLIDE_HALF_LIFE);
        Duration t;
        String tSource;
        if (halfLife.isPresent() && halfLife.getAsDouble() > 0) {
            t = Duration.ofNanos(Math.round(halfLife.getAsDouble() * 1e9));
            tSource = "(0018,1075) RadionuclideHalfLife";
        } else {
            var n = nuclide.flatMap(name -> NuclideCatalog.icrp107().find(name))
                    .orElseThrow(() -> new QuantificationException(
                            src,
                            "(0018,1075) RadionuclideHalfLife",
                            "the half-life is missing and the Radionuclide Code Sequence names no known nuclide",
                            "record the half-life or the radionuclide in the series"));
            t = n.halfLife();
            tSource = "ICRP-107 (" + n.name() + ")";
        }
        return new RadiopharmaceuticalInformation(
                injection,
                Activity.ofBq(dose.getAsDouble()),
                t,
                tSource,
                nuclide,
                item.string(Tag.RADIOPHARMACEUTICAL));
    }

    /** "177 Lutetium", "^177^Lutetium" (DICOM CID 18), "18F", "Lu-177" → the ICRP spelling, if recognisable. */
    static Optional<String> nuclideName(String meaning) {
        var direct = NuclideCatalog.canonicalName(meaning);
        if (direct.isPresent()) {
            return direct;
        }
        Matcher m = MASS_AND_ELEMENT.matcher(meaning.strip());
        if (m.matches()) {
            String symbol = ELEMENTS.get(m.group(2).toLowerCase(Locale.ROOT));
            if (symbol != null) {
                return Optional.of(symbol + "-" + Integer.parseInt(m.group(1)));
            }
        }
        return Optional.empty();
    }

    /** True when Corrected Image (0028,0051) lists ATTN (attenuation correction applied). */
    public boolean attenuationCorrected() {
        return correctedImage.contains("ATTN");
    }

    /** Time from injection to scan start, if both are known. */
    public Optional<Duration> timeSinceInjection() {
        return radiopharmaceutical.flatMap(r -> scanStart.map(s -> Duration.between(r.injection(), s)));
    }
}
