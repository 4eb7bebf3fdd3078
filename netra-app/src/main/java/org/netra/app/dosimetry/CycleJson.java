package org.netra.app.dosimetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.dosimetry.cycle.CycleReport;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.CycleWarning;
import org.netra.dosimetry.cycle.PartialVolumeCorrection;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.physics.quantity.Times;

/**
 * A cycle's {@link CycleReport} as JSON, the one form the CLI's {@code --json} prints and the web's job API
 * returns: the same inputs give the same text on both.
 */
public final class CycleJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CycleJson() {}

    /**
     * @param calibration the camera calibration a series in counts was converted with (null for Bq/mL series)
     */
    public record TimePointOut(
            String source,
            String acquisition,
            double hoursAfterInjection,
            String realWorldValues,
            String ct,
            CalibrationOut calibration) {}

    /** The camera calibration factor a time point in counts was converted with. */
    public record CalibrationOut(String id, double cpsPerMBq, String measuredOn, String measuredBy) {}

    public record RegistrationOut(
            String source,
            double[] rotationDeg,
            double[] translationMm,
            double nmi,
            double initialNmi,
            double ncc,
            double overlap) {}

    public record DvhOut(double meanGy, double maxGy, double d2Gy, double d50Gy, double d98Gy) {}

    /** The relative SD's parts (EANM 2018), fractions. */
    public record SdOut(double fitAndBudget, double extrapolation, double partialVolume) {}

    public record RoiOut(
            String name,
            String role,
            int voxelCount,
            double volumeMl,
            double massG,
            double[] activityMBq,
            String fitModel,
            String fitRule,
            String fitWhy,
            double effectiveHalfLifeH,
            double timeIntegratedActivityMBqH,
            Double timeIntegratedActivitySdMBqH,
            double extrapolatedFraction,
            Double voxelTimeIntegratedActivityMBqH,
            double absorbedDoseGy,
            double absorbedDoseSdGy,
            SdOut absorbedDoseSd,
            Double bedGy,
            String bedTissue,
            DvhOut dvh,
            String doseHow,
            RecoveryOut recovery) {}

    /** The GTM correction of one ROI: its recovery coefficient and what its figures were multiplied by. */
    public record RecoveryOut(
            Double recoveryCoefficient,
            String nestedIn,
            double[] activityFactor,
            double tiaFactor,
            double uncorrectedTimeIntegratedActivityMBqH,
            double uncorrectedAbsorbedDoseGy) {}

    public record PsfOut(double fwhmMm, double sdMm, String source) {}

    public record BudgetOut(double calibration, double voiActivity, double voiMass, double extrapolation) {}

    public record VoxelFitsOut(long fitted, long fallBack, long singlePoint, long zero) {}

    public record WarningOut(String code, String voi, String message) {}

    public record Report(
            String patientId,
            String nuclide,
            String injection,
            double injectedMBq,
            String method,
            String registration,
            String recovery,
            PsfOut psf,
            List<TimePointOut> timePoints,
            List<RegistrationOut> registrations,
            BudgetOut uncertaintyBudget,
            VoxelFitsOut voxelFits,
            List<RoiOut> rois,
            List<WarningOut> warnings) {}

    /** The report's JSON form. */
    public static Report of(CycleReport report) {
        CycleResult r = report.result();
        List<TimePointOut> tps = report.timePoints().stream()
                .map(t -> new TimePointOut(
                        t.source(),
                        t.acquisition().toString(),
                        t.hoursAfterInjection(),
                        t.how(),
                        t.ct().orElse(null),
                        t.calibration()
                                .map(c -> new CalibrationOut(
                                        c.id(), c.cpsPerMBq(), c.measuredOn().toString(), c.measuredBy()))
                                .orElse(null)))
                .toList();
        List<RegistrationOut> regs = new ArrayList<>();
        for (int i = 0; i < report.timePoints().size(); i++) {
            String src = report.timePoints().get(i).source();
            report.registrations().get(i).ifPresent(g -> {
                double[] p = g.parameters();
                regs.add(new RegistrationOut(
                        src,
                        new double[] {Math.toDegrees(p[0]), Math.toDegrees(p[1]), Math.toDegrees(p[2])},
                        new double[] {p[3], p[4], p[5]},
                        g.nmi(),
                        g.initialNmi(),
                        g.ncc(),
                        g.overlap()));
            });
        }
        List<RoiOut> rois = new ArrayList<>();
        for (int k = 0; k < r.vois().size(); k++) {
            CycleResult.Voi v = r.vois().get(k);
            Optional<PartialVolumeCorrection.VoiRecovery> rec =
                    report.correction().map(c -> c.vois().get(rois.size()));
            rois.add(new RoiOut(
                    v.name(),
                    v.role().name().toLowerCase(Locale.ROOT),
                    v.voxelCount(),
                    v.volumeMl(),
                    v.massG(),
                    v.activityMBq(),
                    v.tia().method().describe(),
                    v.tia().rule().name(),
                    v.tia().why(),
                    Times.hours(v.tia().effectiveHalfLife()),
                    v.tia().timeIntegratedActivity().inMBqHours(),
                    v.tia().standardDeviation().map(s -> s.inMBqHours()).orElse(null),
                    v.extrapolatedFraction(),
                    v.voxelTiaMBqH().orElse(null),
                    v.doseGy(),
                    v.doseSdGy(),
                    new SdOut(v.sd().fitAndBudget(), v.sd().extrapolation(), v.sd().partialVolume()),
                    v.bed().map(b -> b.inGy()).orElse(null),
                    v.bedTissue().map(CycleJson::tissue).orElse(null),
                    v.dvh()
                            .map(d -> new DvhOut(d.meanGy(), d.maxGy(), d.d2Gy(), d.d50Gy(), d.d98Gy()))
                            .orElse(null),
                    v.doseHow(),
                    rec.map(x -> new RecoveryOut(
                                    x.recoveryCoefficient().isPresent()
                                            ? x.recoveryCoefficient().getAsDouble()
                                            : null,
                                    x.nestedIn().orElse(null),
                                    x.activityFactor(),
                                    x.tiaFactor(),
                                    x.uncorrectedTiaMBqH(),
                                    x.uncorrectedDoseGy()))
                            .orElse(null)));
        }
        var c = r.voxelFits();
        var budget = r.settings().uncertainty();
        return new Report(
                report.patientId(),
                report.nuclide().name(),
                report.injection().toString(),
                report.injected().inMBq(),
                r.method().label(),
                report.registration().name().toLowerCase(Locale.ROOT),
                report.correction()
                        .map(pvc -> String.format(
                                Locale.ROOT,
                                "GTM (Rousset et al., J Nucl Med 1998;39:904), %s",
                                report.psf().orElseThrow().describe()))
                        .orElse("none"),
                report.psf()
                        .map(p -> new PsfOut(p.fwhmMm(), p.sdMm(), p.source().text()))
                        .orElse(null),
                tps,
                regs,
                new BudgetOut(
                        budget.calibration(),
                        budget.voiActivity(),
                        budget.voiMass(),
                        r.settings().extrapolation()),
                new VoxelFitsOut(c.fitted(), c.fallBack(), c.singlePoint(), c.zero()),
                rois,
                report.warnings().stream().map(CycleJson::warning).toList());
    }

    public static WarningOut warning(CycleWarning w) {
        return new WarningOut(w.code(), w.voi(), w.message());
    }

    /** "kidney: α/β 2.6 Gy, repair half-time 2.8 h (source)". */
    public static String tissue(TissueParameters t) {
        return String.format(
                Locale.ROOT,
                "%s: α/β %.3g Gy, repair half-time %.3g h (%s)",
                t.tissue(),
                t.alphaBeta().inGy(),
                Times.hours(t.repairHalfTime()),
                t.source());
    }

    /** The report as indented JSON. */
    public static String write(CycleReport report) {
        try {
            return MAPPER.writeValueAsString(of(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the cycle's JSON", e);
        }
    }
}
