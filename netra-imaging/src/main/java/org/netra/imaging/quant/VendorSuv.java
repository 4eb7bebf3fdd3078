package org.netra.imaging.quant;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netra.imaging.dicom.Attributes;
import org.netra.physics.decay.Decay;
import org.netra.physics.quantity.Activity;

/**
 * What vendors put in private elements for SUV, found through their private creators: Philips' SUV
 * Scale Factor (7053,xx00) and Activity Concentration Scale Factor (7053,xx09) of "Philips PET Private Group"
 * (both scale the scanner's counts, so their ratio is SUV per Bq/mL), and GE's
 * GEMS_PETD_01 (0009,xx..) dose record: tracer activity (xx38, MBq) measured at xx39, residual
 * post-injection activity (xx3c, MBq) at xx3d, administration at xx3b, half-life xx3f (s) and the scan
 * date-time xx0d. Element meanings as listed in pydicom's private dictionary.
 */
public final class VendorSuv {
    private static final String PHILIPS = "Philips PET Private Group";
    private static final String GE = "GEMS_PETD_01";

    /** GE's record of the dose, and the net injected activity it implies at administration. */
    public record GeDose(
            Activity measured,
            LocalDateTime measuredAt,
            Activity residual,
            Optional<LocalDateTime> residualAt,
            LocalDateTime administeredAt,
            Duration halfLife,
            Activity netAtAdministration,
            Optional<LocalDateTime> scanDateTime) {}

    private VendorSuv() {}

    /** Philips' SUV Scale Factor, applying to stored pixel values, if present. */
    public static OptionalDouble philipsSuvScaleFactor(Attributes ds) {
        return privateTag(ds, 0x7053, PHILIPS, 0x00).stream()
                .mapToObj(tag -> number(ds, tag))
                .flatMapToDouble(o -> o.isPresent()
                        ? java.util.stream.DoubleStream.of(o.getAsDouble())
                        : java.util.stream.DoubleStream.empty())
                .findFirst();
    }

    /**
     * Philips' Activity Concentration Scale Factor (7053,xx09), if present: with its SUV Scale Factor it scales
     * the same values, the scanner's counts (Units CNTS; QIBA's vendor-neutral SUV pseudo-code uses them so).
     */
    public static OptionalDouble philipsActivityConcentrationFactor(Attributes ds) {
        var tag = privateTag(ds, 0x7053, PHILIPS, 0x09);
        return tag.isPresent() ? number(ds, tag.getAsInt()) : OptionalDouble.empty();
    }

    /**
     * Philips' SUVbw factor per Bq/mL, comparable to netra's {@link SuvFactor.Defined#factor()}: the SUV Scale
     * Factor over the Activity Concentration Scale Factor. Both private factors refer to the scanner's counts,
     * not to the stored values of a BQML image, so dividing the SUV factor by the Rescale Slope instead (as
     * netra did) was 30.6 % off for PrivateMDNTags.dcm (slope 0.207791, concentration factor 0.159047): that was
     * the "22 %" gap, see docs/quantification.md. Empty without both factors.
     */
    public static OptionalDouble philipsSuvBwFactor(Attributes ds) {
        OptionalDouble suv = philipsSuvScaleFactor(ds);
        OptionalDouble concentration = philipsActivityConcentrationFactor(ds);
        return suv.isPresent() && concentration.isPresent() && concentration.getAsDouble() > 0
                ? OptionalDouble.of(suv.getAsDouble() / concentration.getAsDouble())
                : OptionalDouble.empty();
    }

    /**
     * How finely Philips wrote its SUV Scale Factor: half a unit of its last written digit over its value (the
     * factor is a decimal string such as "0.000027", two significant digits, so ±1.9 %). An agreement with
     * netra's factor is only as close as this.
     */
    public static OptionalDouble philipsSuvScaleFactorRounding(Attributes ds) {
        var tag = privateTag(ds, 0x7053, PHILIPS, 0x00);
        if (tag.isEmpty()) {
            return OptionalDouble.empty();
        }
        String text = text(ds, tag.getAsInt());
        try {
            var value = new java.math.BigDecimal(text);
            if (value.signum() == 0) {
                return OptionalDouble.empty();
            }
            double halfUnit = 0.5 * Math.pow(10, -value.scale());
            return OptionalDouble.of(halfUnit / Math.abs(value.doubleValue()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty(); // a binary FD/FL value: exact as stored
        }
    }

    /** GE's dose record, if the GEMS_PETD_01 block holds one. */
    public static Optional<GeDose> geDose(Attributes ds) {
        var block = privateTag(ds, 0x0009, GE, 0x00);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        int base = block.getAsInt();
        OptionalDouble activity = number(ds, base + 0x38);
        Optional<LocalDateTime> measuredAt = dateTime(ds, base + 0x39);
        Optional<LocalDateTime> adminAt = dateTime(ds, base + 0x3b);
        OptionalDouble halfLife = number(ds, base + 0x3f);
        if (activity.isEmpty()
                || measuredAt.isEmpty()
                || adminAt.isEmpty()
                || halfLife.isEmpty()
                || !(halfLife.getAsDouble() > 0)) {
            return Optional.empty();
        }
        Duration t = Duration.ofNanos(Math.round(halfLife.getAsDouble() * 1e9));
        Activity measured = Activity.ofMBq(activity.getAsDouble());
        Activity residual = Activity.ofMBq(Math.max(0, number(ds, base + 0x3c).orElse(0)));
        Optional<LocalDateTime> residualAt = dateTime(ds, base + 0x3d);
        double net = measured.inBq() * Decay.factor(t, Duration.between(measuredAt.get(), adminAt.get()))
                - residual.inBq()
                        * residualAt
                                .map(r -> Decay.factor(t, Duration.between(r, adminAt.get())))
                                .orElse(1.0);
        return Optional.of(new GeDose(
                measured,
                measuredAt.get(),
                residual,
                residualAt,
                adminAt.get(),
                t,
                Activity.ofBq(Math.max(0, net)),
                dateTime(ds, base + 0x0d)));
    }

    /** The tag of element {@code element} in the private block of {@code creator} in {@code group}. */
    static java.util.OptionalInt privateTag(Attributes ds, int group, String creator, int element) {
        for (int slot = 0x10; slot <= 0xff; slot++) {
            int creatorTag = (group << 16) | slot;
            if (!ds.contains(creatorTag)) {
                continue;
            }
            String name = text(ds, creatorTag);
            if (name.equals(creator)) {
                return java.util.OptionalInt.of((group << 16) | (slot << 8) | element);
            }
        }
        return java.util.OptionalInt.empty();
    }

    /** Private values may be read as UN: decode text or binary by what the bytes hold. */
    private static OptionalDouble number(Attributes ds, int tag) {
        if (!ds.contains(tag)) {
            return OptionalDouble.empty();
        }
        var vr = ds.vr(tag).orElseThrow();
        if (vr == org.netra.imaging.dicom.Vr.FL
                || vr == org.netra.imaging.dicom.Vr.FD
                || vr == org.netra.imaging.dicom.Vr.DS
                || vr == org.netra.imaging.dicom.Vr.IS) {
            return ds.decimal(tag);
        }
        String s = text(ds, tag);
        try {
            return s.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static Optional<LocalDateTime> dateTime(Attributes ds, int tag) {
        if (!ds.contains(tag)) {
            return Optional.empty();
        }
        if (ds.vr(tag).orElseThrow() == org.netra.imaging.dicom.Vr.DT) {
            return ds.dateTime(tag);
        }
        String s = text(ds, tag);
        if (s.length() < 14) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(
                    Integer.parseInt(s.substring(0, 4)),
                    Integer.parseInt(s.substring(4, 6)),
                    Integer.parseInt(s.substring(6, 8)),
                    Integer.parseInt(s.substring(8, 10)),
                    Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String text(Attributes ds, int tag) {
        return new String(ds.bytes(tag), StandardCharsets.ISO_8859_1)
                .replace('\0', ' ')
                .strip();
    }
}
