package org.netra.app.web.patient;

import java.util.List;
import java.util.Locale;
import org.netra.app.cyclezero.VirtualCycleZero;
import org.netra.store.clinical.CycleZeroRecord;
import org.netra.store.clinical.PatientChart;
import org.netra.store.record.Stored;

/**
 * A course's virtual cycle 0 on the patient's plan: what the 68Ga PET predicts per region with its interval, the
 * proposed first activity and why, and once cycle 1 is measured, the measured dose beside each prediction.
 */
public record CycleZeroPanel(
        String courseId,
        String petDate,
        String predictor,
        List<Row> rows,
        String proposed,
        String reason,
        String suvSource) {
    /** One region: its SUV, prediction and interval, and the measured cycle-1 dose when there is one. */
    public record Row(String name, String suv, String predicted, String interval, String measured) {}

    public CycleZeroPanel {
        rows = List.copyOf(rows);
    }

    /** The panels of a patient's stored cycle-0 predictions, compared with the cycle-1 dosimetry in its chart. */
    static List<CycleZeroPanel> of(List<Stored<CycleZeroRecord>> cycleZero, PatientChart chart) {
        return cycleZero.stream()
                .map(s -> {
                    var zero = s.value();
                    String cycleOne = VirtualCycleZero.cycleOneId(zero);
                    var measured = VirtualCycleZero.compare(
                            zero,
                            chart.dosimetry().stream()
                                    .map(Stored::value)
                                    .filter(d -> d.id().equals(cycleOne))
                                    .findFirst());
                    List<Row> rows = zero.regions().stream()
                            .map(p -> new Row(
                                    p.name(),
                                    String.format(Locale.ROOT, "%.1f", p.petSuvMean()),
                                    String.format(Locale.ROOT, "%.2f", p.medianGyPerGBq()),
                                    String.format(Locale.ROOT, "%.2f–%.2f", p.lower90GyPerGBq(), p.upper90GyPerGBq()),
                                    measured.stream()
                                            .filter(c -> c.predicted().name().equals(p.name()))
                                            .findFirst()
                                            .map(c -> String.format(
                                                    Locale.ROOT,
                                                    "%.2f (prediction %+.0f %%%s)",
                                                    c.measuredGyPerGBq(),
                                                    100 * c.relativeError(),
                                                    c.insideInterval() ? "" : ", outside the interval"))
                                            .orElse("not measured yet")))
                            .toList();
                    return new CycleZeroPanel(
                            zero.courseId(),
                            zero.petDate().toString(),
                            zero.predictorVersion() == 0
                                    ? "published defaults (version 0)"
                                    : "the department's recalibration, version " + zero.predictorVersion(),
                            rows,
                            String.format(Locale.ROOT, "%.1f GBq", zero.proposedGBq()),
                            zero.proposalReason(),
                            zero.suvSource());
                })
                .toList();
    }
}
