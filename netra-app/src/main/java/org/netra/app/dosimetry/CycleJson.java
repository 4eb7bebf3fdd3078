package org.netra.app.dosimetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.dosimetry.cycle.CycleReport;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.CycleWarning;
import org.netra.dosimetry.cycle.PartialVolumeCorrection;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.dosimetry.kinetics.TiaMethod;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.dosimetry.population.StpEstimate;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;

/**
 * A cycle's {@link CycleReport} as JSON, the one form the CLI's {@code --json} prints and the web's job API
 * returns: the same inputs give the same text on both. A serialisation boundary: the records here carry plain
 * numbers with the unit in the field name ({@code absorbedDoseGy}), which any reader understands without
 * netra's quantity types (docs/ARCHITECTURE.md); a figure that may be missing is an {@code Optional}, written
 * as {@code null}.
 */
public final class CycleJson {
    // an empty Optional is written as null: the JSON keeps the fields it always had
    private static final ObjectMapper MAPPER =
            new ObjectMapper().registerModule(new Jdk8Module()).enable(SerializationFeature.INDENT_OUTPUT);

    private CycleJson() {}

    /**
     * @param calibration the camera calibration a series in counts was converted with (null for Bq/mL series)
     */
    public record TimePointOut(
            String source,
            String acquisition,
            double hoursAfterInjection,
            String realWorldValues,
            Optional<String> ct,
            Optional<CalibrationOut> calibration) {}

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
            Optional<Double> timeIntegratedActivitySdMBqH,
            double extrapolatedFraction,
            Optional<Double> voxelTimeIntegratedActivityMBqH,
            double absorbedDoseGy,
            double absorbedDoseSdGy,
            SdOut absorbedDoseSd,
            Optional<Double> bedGy,
            Optional<String> bedTissue,
            Optional<DvhOut> dvh,
            String doseHow,
            Optional<RecoveryOut> recovery,
            Optional<SinglePointOut> singlePoint) {}

    /**
     * A region measured once: the method named, the 90 % credible interval (population method only, scaled
     * with the TIA through any partial-volume correction) and what the number assumes.
     */
    public record SinglePointOut(
            String method,
            String basis,
            Optional<Double> lower90MBqH,
            Optional<Double> upper90MBqH,
            Optional<Double> recommendedScanH,
            String assumptions) {}

    /** The GTM correction of one ROI: its recovery coefficient and what its figures were multiplied by. */
    public record RecoveryOut(
            Optional<Double> recoveryCoefficient,
            Optional<String> nestedIn,
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
            Optional<PsfOut> psf,
            List<TimePointOut> timePoints,
            List<RegistrationOut> registrations,
            BudgetOut uncertaintyBudget,
            VoxelFitsOut voxelFits,
            List<RoiOut> rois,
            List<WarningOut> warnings,
            Optional<MonteCarloOut> monteCarlo) {}

    /**
     * The Monte Carlo run beside the voxel kernel (method monte-carlo), compared before partial-volume correction.
     *
     * @param targetPercent the relative SD each watched VOI was to reach
     * @param reachedPercent the largest relative SD among the watched VOIs at the stop (above the target when the
     *     run stopped at its time or batch limit)
     * @param watched the VOIs the run stopped on (kidneys and tumours, else every VOI)
     * @param interfaceSdsBeyond an automatic interface region is flagged when its difference is beyond
     *     {@code flagAbovePercent} by more than this many SDs (0 in reports written before these regions)
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record MonteCarloOut(
            long histories,
            int batches,
            String stop,
            double seconds,
            String geometry,
            String electrons,
            List<MonteCarloRowOut> rows,
            long seed,
            int threads,
            double targetPercent,
            double reachedPercent,
            List<String> watched,
            double flagAbovePercent,
            double interfaceSdsBeyond) {}

    /**
     * One row of the comparison: a VOI, or (with {@code adjoining}) a region netra drew around one.
     *
     * @param voi the VOI's name or the region's ("Tumour_lung · adjoining lung")
     * @param adjoining present for an interface region: not a user's VOI, compared only (absent in reports written
     *     before these regions)
     * @param uncertain an interface region not flagged whose difference ± 1 SD reaches beyond the threshold
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record MonteCarloRowOut(
            String voi,
            double monteCarloGy,
            double monteCarloSdGy,
            Optional<Double> kernelGy,
            Optional<Double> differencePercent,
            boolean flagged,
            double monteCarloSdPercent,
            Optional<MonteCarloInterfaceOut> adjoining,
            boolean uncertain) {
        public MonteCarloRowOut {
            kernelGy = kernelGy == null ? Optional.empty() : kernelGy;
            differencePercent = differencePercent == null ? Optional.empty() : differencePercent;
            adjoining = adjoining == null ? Optional.empty() : adjoining;
        }
    }

    /**
     * What an automatic interface region is: the voxels of one tissue class within one voxel outside a tumour or
     * kidney VOI.
     *
     * @param voi the VOI it surrounds
     * @param tissue "lung", "soft tissue" or "bone"
     * @param voxels its voxel count
     */
    public record MonteCarloInterfaceOut(String voi, String tissue, int voxels) {}

    private static MonteCarloOut monteCarlo(org.netra.dosimetry.cycle.MonteCarloComparison c) {
        return new MonteCarloOut(
                c.histories(),
                c.batches(),
                c.stop().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                c.elapsed().toMillis() / 1000.0,
                c.geometry(),
                c.electrons(),
                c.rows().stream()
                        .map(row -> new MonteCarloRowOut(
                                row.voi(),
                                row.monteCarlo().inGy(),
                                row.monteCarloSd().inGy(),
                                row.kernel().map(k -> k.inGy()),
                                row.difference().map(d -> 100 * d),
                                row.flagged(),
                                100 * row.monteCarloRelativeSd(),
                                row.adjoining()
                                        .map(a -> new MonteCarloInterfaceOut(
                                                a.voi(), a.tissue().label(), a.voxels())),
                                row.uncertain()))
                        .toList(),
                c.seed(),
                c.threads(),
                100 * c.targetRelativeSd(),
                100 * c.reachedRelativeSd(),
                c.watched(),
                100 * org.netra.dosimetry.cycle.MonteCarloComparison.FLAG_ABOVE,
                org.netra.dosimetry.cycle.MonteCarloComparison.INTERFACE_SDS_BEYOND);
    }

    private static Optional<SinglePointOut> singlePoint(TiaResult tia, double scanHours) {
        if (!(tia.method() instanceof TiaMethod.SinglePoint sp)) {
            return Optional.empty();
        }
        double total = tia.timeIntegratedActivity().inMBqHours();
        return Optional.of(
                switch (sp.method()) {
                    case SinglePointMethod.Population p -> {
                        StpEstimate unit = p.estimate(scanHours, 1);
                        double perMedian = total / unit.median().inMBqHours();
                        yield new SinglePointOut(
                                "population",
                                p.basis(),
                                Optional.of(unit.lower90().inMBqHours() * perMedian),
                                Optional.of(unit.upper90().inMBqHours() * perMedian),
                                Optional.of(Times.hours(p.prior().recommendedScanTime())),
                                unit.assumptions());
                    }
                    case SinglePointMethod.Haenscheid h ->
                        new SinglePointOut(
                                "hanscheid",
                                "Hänscheid",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                "Hänscheid 2018: TIA = A(t)·2t/ln 2, exact only for a mono-exponential with T_eff equal"
                                        + " to the scan time; no interval");
                    case SinglePointMethod.Madsen m ->
                        new SinglePointOut(
                                "madsen",
                                "Madsen",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                "Madsen 2018: TIA = A(t)·e^{λt}/λ with one population T_eff of "
                                        + Math.round(Times.hours(m.populationEffectiveHalfLife()))
                                        + " h; no interval");
                });
    }

    /** The report's JSON form. */
    public static Report of(CycleReport report) {
        CycleResult r = report.result();
        List<TimePointOut> tps = report.timePoints().stream()
                .map(t -> new TimePointOut(
                        t.source(),
                        t.acquisition().toString(),
                        Times.hours(t.afterInjection()),
                        t.how(),
                        t.ct(),
                        t.calibration()
                                .map(c -> new CalibrationOut(
                                        c.id(), c.cpsPerMBq(), c.measuredOn().toString(), c.measuredBy()))))
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
                    v.volume().inMl(),
                    v.mass().inGrams(),
                    v.activity().stream().mapToDouble(Activity::inMBq).toArray(),
                    v.tia().method().describe(),
                    v.tia().rule().name(),
                    v.tia().why(),
                    Times.hours(v.tia().effectiveHalfLife()),
                    v.tia().timeIntegratedActivity().inMBqHours(),
                    v.tia().standardDeviation().map(TimeIntegratedActivity::inMBqHours),
                    v.extrapolatedFraction(),
                    v.voxelTia().map(TimeIntegratedActivity::inMBqHours),
                    v.dose().inGy(),
                    v.doseSd().inGy(),
                    new SdOut(v.sd().fitAndBudget(), v.sd().extrapolation(), v.sd().partialVolume()),
                    v.bed().map(AbsorbedDose::inGy),
                    v.bedTissue().map(CycleJson::tissue),
                    v.dvh()
                            .map(d -> new DvhOut(
                                    d.mean().inGy(),
                                    d.max().inGy(),
                                    d.d2().inGy(),
                                    d.d50().inGy(),
                                    d.d98().inGy())),
                    v.doseHow(),
                    rec.map(x -> new RecoveryOut(
                            x.recoveryCoefficient().isPresent()
                                    ? Optional.of(x.recoveryCoefficient().getAsDouble())
                                    : Optional.empty(),
                            x.nestedIn(),
                            x.activityFactor(),
                            x.tiaFactor(),
                            x.uncorrectedTia().inMBqHours(),
                            x.uncorrectedDose().inGy())),
                    singlePoint(v.tia(), Times.hours(r.afterInjection().get(0)))));
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
                        .map(p -> new PsfOut(p.fwhmMm(), p.sdMm(), p.source().text())),
                tps,
                regs,
                new BudgetOut(
                        budget.calibration(),
                        budget.voiActivity(),
                        budget.voiMass(),
                        r.settings().extrapolation()),
                new VoxelFitsOut(c.fitted(), c.fallBack(), c.singlePoint(), c.zero()),
                rois,
                report.warnings().stream().map(CycleJson::warning).toList(),
                report.uncorrected().monteCarlo().map(CycleJson::monteCarlo));
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

    /**
     * The Monte Carlo part of a report as {@link #write} printed it (a finished job keeps that text); empty for
     * other methods. Fields added since a job was stored read as 0.
     */
    public static Optional<MonteCarloOut> monteCarloOf(String json) {
        try {
            var node = MAPPER.readTree(json).get("monteCarlo");
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            return Optional.of(MAPPER.treeToValue(node, MonteCarloOut.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored cycle report is not the JSON netra wrote: " + e.getMessage(), e);
        }
    }

    /** The report as indented JSON. */
    public static String write(CycleReport report) {
        try {
            return MAPPER.writeValueAsString(of(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the cycle's JSON", e);
        }
    }

    /**
     * Builds the report's serializers now (Jackson introspects each record the first time it writes one), so that
     * a one-shot {@code netra dosimetry} can do it on another thread while the cycle runs; writing is the same either
     * way.
     */
    public static void prepare() {
        MAPPER.writerFor(Report.class);
    }
}
