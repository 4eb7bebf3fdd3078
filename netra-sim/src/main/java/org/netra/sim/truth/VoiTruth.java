package org.netra.sim.truth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Optional;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Volume;

/**
 * The truth about one VOI in one cycle: its size, its activity curve (terms c·e^(−k·t), c in MBq, k per hour,
 * t from injection), the time-integrated activity to infinity, the mean absorbed dose and, where a tissue
 * model applies, the BED. Written to {@code ground-truth.json} as {@link AsWritten}: numbers with the unit in the
 * field name ({@code volumeMl}, {@code doseGy}, …), the shape the twins' truth has always had, for the scripts
 * and tools that read it.
 *
 * @param doseGyPerGBq the dose per GBq administered (a ratio of two quantities, kept as the number people quote)
 */
public record VoiTruth(
        String name,
        String kind,
        Volume volume,
        Mass mass,
        List<Term> activityCurve,
        TimeIntegratedActivity tia,
        AbsorbedDose dose,
        double doseGyPerGBq,
        Optional<AbsorbedDose> bed,
        Optional<String> bedParameters) {
    /** One exponential term of the activity curve. */
    public record Term(double coefficientMBq, double ratePerHour) {}

    public VoiTruth {
        activityCurve = List.copyOf(activityCurve);
    }

    /** The true activity at {@code hours} after injection, MBq. */
    public double activityMBq(double hours) {
        double a = 0;
        for (Term t : activityCurve) {
            a += t.coefficientMBq() * Math.exp(-t.ratePerHour() * hours);
        }
        return a;
    }

    /** The document's shape: the field names and units of every ground-truth.json written so far. */
    record AsWritten(
            String name,
            String kind,
            double volumeMl,
            double massG,
            List<Term> activityCurve,
            double tiaMBqH,
            double doseGy,
            double doseGyPerGBq,
            Optional<Double> bedGy,
            Optional<String> bedParameters) {}

    @JsonValue
    AsWritten written() {
        return new AsWritten(
                name,
                kind,
                volume.inMl(),
                mass.inGrams(),
                activityCurve,
                tia.inMBqHours(),
                dose.inGy(),
                doseGyPerGBq,
                bed.map(AbsorbedDose::inGy),
                bedParameters);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static VoiTruth of(AsWritten w) {
        return new VoiTruth(
                w.name(),
                w.kind(),
                Volume.ofMl(w.volumeMl()),
                Mass.ofGrams(w.massG()),
                w.activityCurve(),
                TimeIntegratedActivity.ofMBqHours(w.tiaMBqH()),
                AbsorbedDose.ofGy(w.doseGy()),
                w.doseGyPerGBq(),
                w.bedGy().map(AbsorbedDose::ofGy),
                w.bedParameters() == null ? Optional.empty() : w.bedParameters());
    }
}
