package org.netra.app.web.dosimetry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.netra.app.report.DosimetryReport;
import org.netra.clinical.therapy.Continuation;
import org.netra.clinical.therapy.ContinuationAdvice;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.dosimetry.cycle.RegionRole;
import org.netra.dosimetry.cycle.RoleRules;
import org.netra.dosimetry.dvh.DoseVolumeHistogram;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import org.netra.store.clinical.CycleCurves;
import org.netra.store.clinical.DecisionRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.DosimetryWarning;
import org.netra.store.clinical.MonteCarloCheck;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.RegionCurves;
import org.netra.store.record.Stored;

/**
 * One cycle's dosimetry as the page, the API and the PDF show it: doses ± SD, the kidney BED of every
 * cycle so far against the limit, and what the budget predicts for the cycles still to come. The figures are
 * typed; the API's JSON and the page read them as numbers with the unit in the name ({@link #administeredGBq},
 * {@link #cumulativeKidneyBedGy}, …), the serialisation boundary of docs/ARCHITECTURE.md.
 */
public record CycleDosimetryView(
        String patientId,
        String patientName,
        LocalDate birthDate,
        int cycle,
        LocalDate date,
        @JsonIgnore Activity administered,
        String method,
        @JsonIgnore Optional<List<DosimetryWarning>> recordedWarnings,
        List<Row> doses,
        @JsonIgnore List<AbsorbedDose> kidneyBedPerCycle,
        @JsonIgnore AbsorbedDose cumulativeKidneyBed,
        @JsonIgnore AbsorbedDose kidneyBedLimit,
        @JsonIgnore Duration kidneyEffectiveHalfLife,
        String advice,
        List<String> reasons,
        int predictedFurtherCycles,
        String bedChart,
        String timeActivityChart,
        String dvhChart,
        List<String> curveNotes,
        List<RegionCurves> regionCurves,
        List<ReportSigning.SignedVersion> reportVersions,
        @JsonIgnore Optional<CourseForecastPanel> forecast,
        @JsonIgnore Optional<MonteCarloCheck> monteCarlo) {

    /** This view with the report's signed versions, oldest first. */
    public CycleDosimetryView withReportVersions(List<ReportSigning.SignedVersion> versions) {
        return new CycleDosimetryView(
                patientId,
                patientName,
                birthDate,
                cycle,
                date,
                administered,
                method,
                recordedWarnings,
                doses,
                kidneyBedPerCycle,
                cumulativeKidneyBed,
                kidneyBedLimit,
                kidneyEffectiveHalfLife,
                advice,
                reasons,
                predictedFurtherCycles,
                bedChart,
                timeActivityChart,
                dvhChart,
                curveNotes,
                regionCurves,
                List.copyOf(versions),
                forecast,
                monteCarlo);
    }

    /** This view with the course forecast after its cycle (from the department's population model). */
    public CycleDosimetryView withForecast(Optional<CourseForecastPanel> panel) {
        return new CycleDosimetryView(
                patientId,
                patientName,
                birthDate,
                cycle,
                date,
                administered,
                method,
                recordedWarnings,
                doses,
                kidneyBedPerCycle,
                cumulativeKidneyBed,
                kidneyBedLimit,
                kidneyEffectiveHalfLife,
                advice,
                reasons,
                predictedFurtherCycles,
                bedChart,
                timeActivityChart,
                dvhChart,
                curveNotes,
                regionCurves,
                reportVersions,
                panel,
                monteCarlo);
    }

    /** The Monte Carlo's table as the API gives it: numbers with the unit in the field name. */
    @JsonProperty("monteCarlo")
    public Optional<MonteCarloJson> monteCarloJson() {
        return monteCarlo.map(mc -> new MonteCarloJson(
                mc.histories(),
                mc.stop(),
                mc.seed(),
                100 * mc.targetRelativeSd(),
                100 * mc.reachedRelativeSd(),
                100 * mc.flagAbove(),
                mc.interfaceSdsBeyond(),
                mc.regions().stream()
                        .map(r -> new MonteCarloJson.Region(
                                r.region(),
                                r.monteCarlo().inGy(),
                                r.monteCarloSd().inGy(),
                                r.kernel().map(AbsorbedDose::inGy).orElse(null),
                                r.difference().map(d -> 100 * d).orElse(null),
                                mc.flagged(r),
                                r.adjoining()
                                        .map(MonteCarloCheck.Adjoining::voi)
                                        .orElse(null),
                                r.adjoining()
                                        .map(MonteCarloCheck.Adjoining::tissue)
                                        .orElse(null),
                                r.adjoining()
                                        .map(MonteCarloCheck.Adjoining::voxels)
                                        .orElse(null)))
                        .toList()));
    }

    /** The API's form of the Monte Carlo table. */
    public record MonteCarloJson(
            long histories,
            String stop,
            long seed,
            double targetPercent,
            double reachedPercent,
            double flagAbovePercent,
            double interfaceSdsBeyond,
            List<Region> regions) {
        /**
         * @param adjoins for an automatic region (not a user's VOI), the tumour or kidney VOI it lies around; absent
         *     for a VOI
         * @param tissue for an automatic region, its tissue class
         * @param voxels for an automatic region, its voxel count
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Region(
                String region,
                double monteCarloGy,
                double monteCarloSdGy,
                Double kernelGy,
                Double differencePercent,
                boolean flagged,
                String adjoins,
                String tissue,
                Integer voxels) {}
    }

    /*
     * Records kept before warnings had a field of their own carry a job's warnings inside the method text, as one
     * clause "; job warnings [...]" before "; attached by". The page shows the method without it and the warnings as
     * a list below: in one paragraph they made the page's first lines a wall of text.
     */
    private static final String WARNINGS_OPEN = "; job warnings [";
    private static final String WARNINGS_CLOSE = "]; attached by";

    /** The method text without an older record's job warnings clause (the whole text where there is none). */
    public String methodSummary() {
        return methodSummary(method);
    }

    /**
     * The job's warnings kept with the record, one per item, each after its VOI. Empty where the job raised none,
     * the dosimetry was entered or imported, or the record predates warnings.
     */
    public List<String> jobWarnings() {
        return recordedWarnings
                .map(ws -> ws.stream().map(DosimetryWarning::text).toList())
                .orElseGet(() -> {
                    var regions = new java.util.ArrayList<String>();
                    doses.forEach(r -> regions.add(r.region()));
                    monteCarlo.ifPresent(mc -> mc.regions().forEach(r -> regions.add(r.region())));
                    return olderRecordsWarnings(method, regions);
                });
    }

    static String methodSummary(String method) {
        int open = method.indexOf(WARNINGS_OPEN);
        int close = method.lastIndexOf(WARNINGS_CLOSE);
        return open < 0 || close < open ? method : method.substring(0, open) + method.substring(close + 1);
    }

    /**
     * An older record's warnings, from its method text: the clause is split before each "; " that starts a message
     * naming one of the cycle's regions ("Kidney_L: …", "Tumour_lung · adjoining lung: …"); a message naming none
     * stays with the one before it (the text no longer says where one message ends).
     */
    static List<String> olderRecordsWarnings(String method, List<String> regions) {
        int open = method.indexOf(WARNINGS_OPEN);
        int close = method.lastIndexOf(WARNINGS_CLOSE);
        if (open < 0 || close < open) {
            return List.of();
        }
        String clause = method.substring(open + WARNINGS_OPEN.length(), close);
        if (clause.equals("none raised")) {
            return List.of();
        }
        var items = new java.util.ArrayList<String>();
        int start = 0;
        for (int at = clause.indexOf("; "); at >= 0; at = clause.indexOf("; ", at + 2)) {
            String next = clause.substring(at + 2);
            if (regions.stream().anyMatch(v -> next.startsWith(v + ":") || next.startsWith(v + " · "))) {
                items.add(clause.substring(start, at));
                start = at + 2;
            }
        }
        items.add(clause.substring(start));
        return List.copyOf(items);
    }

    /** The report's state: "draft", "signed by X at T" or "amended vN, signed by X at T". */
    @JsonProperty("reportState")
    public String reportState() {
        if (reportVersions.isEmpty()) {
            return "draft (not signed)";
        }
        var last = reportVersions.getLast();
        return (last.version() == 1 ? "signed" : "amended v" + last.version() + ", signed") + " by " + last.signedBy()
                + " at " + last.signedAtText();
    }

    /** The version the next signature creates: 1, or the next amendment. */
    public int nextReportVersion() {
        return reportVersions.size() + 1;
    }

    /**
     * One line of the dose table.
     *
     * @param sd empty where the source gave no SD (the BED, the blood-based marrow, a region stored without one)
     */
    public record Row(String region, AbsorbedDose dose, Optional<AbsorbedDose> sd, double gyPerGBq, String note) {
        public String doseText() {
            return sd.map(x -> String.format(Locale.ROOT, "%.2f ± %.2f", dose.inGy(), x.inGy()))
                    .orElseGet(() -> String.format(Locale.ROOT, "%.2f", dose.inGy()));
        }

        public String perGBq() {
            return String.format(Locale.ROOT, "%.2f", gyPerGBq);
        }

        /** The API's form: numbers with the unit in the field name, {@code sdGy} absent where there is none. */
        @JsonValue
        RowJson json() {
            return new RowJson(region, dose.inGy(), sd.map(AbsorbedDose::inGy).orElse(null), gyPerGBq, note);
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        record RowJson(String region, double doseGy, Double sdGy, double gyPerGBq, String note) {}
    }

    @JsonProperty("administeredGBq")
    public double administeredGBq() {
        return administered.inGBq();
    }

    @JsonProperty("kidneyBedPerCycle")
    public List<Double> kidneyBedPerCycleGy() {
        return kidneyBedPerCycle.stream().map(AbsorbedDose::inGy).toList();
    }

    @JsonProperty("cumulativeKidneyBedGy")
    public double cumulativeKidneyBedGy() {
        return cumulativeKidneyBed.inGy();
    }

    @JsonProperty("kidneyBedLimitGy")
    public double kidneyBedLimitGy() {
        return kidneyBedLimit.inGy();
    }

    @JsonProperty("kidneyEffectiveHalfLifeHours")
    public double kidneyEffectiveHalfLifeHours() {
        return Times.hours(kidneyEffectiveHalfLife);
    }

    /** @param curvesOf the curves (and Monte Carlo run) stored for a dosimetry record id */
    public static CycleDosimetryView of(
            PatientChart chart, int cycle, Function<String, Optional<CycleCurves>> curvesOf) {
        var p = chart.patient().value();
        List<DosimetryRecord> all =
                chart.dosimetry().stream().map(Stored::value).toList();
        DosimetryRecord rec = all.stream()
                .filter(d -> d.dosimetry().cycle() == cycle)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new io.javalin.http.NotFoundResponse(
                        "patient " + p.id() + " has no dosimetry for cycle " + cycle));
        Optional<CycleCurves> stored = curvesOf.apply(rec.id());
        List<RegionCurves> curves = stored.map(CycleCurves::regions).orElse(List.of());
        var config = ContinuationConfig.DEFAULTS;
        List<CycleDosimetry> upTo = all.stream()
                .filter(d ->
                        d.courseId().equals(rec.courseId()) && d.dosimetry().cycle() <= cycle)
                .map(DosimetryRecord::dosimetry)
                .toList();
        var d = rec.dosimetry();
        double gbq = d.administered().inGBq();
        List<Row> rows = new ArrayList<>();
        List<RegionCurves> kidneyRegions = curves.stream()
                .filter(c -> RoleRules.DEFAULT.roleOf(c.region()) == RegionRole.KIDNEY
                        && c.doseSd().isPresent()
                        && c.volume().isPresent())
                .toList();
        // the kidneys' SD: the regions' SDs volume-weighted like their doses (fully correlated: same calibration)
        double kidneyMl = kidneyRegions.stream()
                .mapToDouble(c -> c.volume().orElseThrow().inMl())
                .sum();
        Optional<AbsorbedDose> kidneySd = kidneyRegions.isEmpty()
                ? Optional.empty()
                : Optional.of(AbsorbedDose.ofGy(kidneyRegions.stream()
                                .mapToDouble(c -> c.doseSd().orElseThrow().inGy()
                                        * c.volume().orElseThrow().inMl())
                                .sum()
                        / kidneyMl));
        rows.add(new Row("kidneys", d.kidneyDose(), kidneySd, d.kidneyGyPerGBq(), "absorbed dose"));
        AbsorbedDose bed = d.kidneyBed(config.kidney());
        rows.add(new Row(
                "kidneys (BED)",
                bed,
                Optional.empty(),
                bed.inGy() / gbq,
                d.kidneyBed().isPresent() ? "from dosimetry" : "LQ model, mono-exponential"));
        rows.add(new Row("bone marrow", d.marrowDose(), Optional.empty(), d.marrowGyPerGBq(), "absorbed dose"));
        for (var c : curves) {
            RegionRole role = RoleRules.DEFAULT.roleOf(c.region());
            if (c.dose().isPresent() && role != RegionRole.TUMOUR) {
                AbsorbedDose dose = c.dose().get();
                rows.add(new Row(
                        c.region(),
                        dose,
                        c.doseSd(),
                        dose.inGy() / gbq,
                        String.format(
                                Locale.ROOT,
                                "%s VOI%s%s",
                                role == RegionRole.MARROW ? "image-based marrow" : "organ",
                                c.volume()
                                        .map(v -> String.format(Locale.ROOT, ", %.1f mL", v.inMl()))
                                        .orElse(""),
                                role == RegionRole.MARROW ? " (the budget uses the blood-based dose)" : "")));
            }
        }
        for (var t : rec.tumours()) {
            rows.add(new Row(
                    t.lesion(),
                    t.mean(),
                    Optional.of(t.standardDeviation()),
                    t.mean().inGy() / gbq,
                    String.format(Locale.ROOT, "tumour, %.1f mL", t.volume().inMl())));
        }
        List<AbsorbedDose> beds =
                upTo.stream().map(c -> c.kidneyBed(config.kidney())).toList();
        AbsorbedDose cumulative = beds.stream().reduce(AbsorbedDose.ZERO, AbsorbedDose::plus);
        ContinuationAdvice advice = new Continuation(config).advise(upTo);
        Optional<DecisionRecord> decided = chart.decisions().stream()
                .map(Stored::value)
                .filter(x -> x.courseId().equals(rec.courseId()) && x.decision().cycle() == cycle + 1)
                .findFirst();
        String text;
        List<String> reasons;
        int further;
        if (decided.isPresent()) {
            text = "decided " + decided.get().decidedOn() + ": "
                    + verdict(decided.get().decision());
            reasons = decided.get().decision().reasons();
        } else {
            text = switch (advice) {
                case ContinuationAdvice.Continue c ->
                    String.format(
                            Locale.ROOT,
                            "proposed: next cycle with %.2f GBq",
                            c.nextActivity().inGBq());
                case ContinuationAdvice.Stop s -> "proposed: stop, the budget is spent";
            };
            reasons = switch (advice) {
                case ContinuationAdvice.Continue c -> List.of();
                case ContinuationAdvice.Stop s -> s.reasons();
            };
        }
        further = switch (advice) {
            case ContinuationAdvice.Continue c -> c.furtherCycles();
            case ContinuationAdvice.Stop s -> 0;
        };
        return new CycleDosimetryView(
                p.id(),
                p.name(),
                p.patient().birthDate(),
                cycle,
                d.date(),
                d.administered(),
                rec.method(),
                rec.warnings(),
                rows,
                beds,
                cumulative,
                config.kidneyBedLimit(),
                d.kidneyEffectiveHalfLife(),
                text,
                reasons,
                further,
                bedChart(
                        beds.stream().map(AbsorbedDose::inGy).toList(),
                        config.kidneyBedLimit().inGy(),
                        further,
                        config.maxCycles()),
                curves.isEmpty() ? "" : JobCharts.timeActivity(regions(curves)),
                JobCharts.dvh(regions(curves)),
                curves.stream()
                        .map(c -> c.region() + ": " + c.model() + (c.why().isEmpty() ? "" : " — " + c.why()))
                        .toList(),
                curves,
                List.of(),
                Optional.empty(),
                stored.flatMap(CycleCurves::monteCarlo));
    }

    /** The stored curves as the job page's charts draw them. */
    private static List<JobCharts.Region> regions(List<RegionCurves> curves) {
        return curves.stream()
                .map(c -> new JobCharts.Region(
                        c.region(),
                        hours(c.measured()),
                        mBq(c.measured()),
                        c.curve().isEmpty()
                                ? Optional.empty()
                                : Optional.of(new ModelCurve(hours(c.curve()), mBq(c.curve()))),
                        c.dvh().isEmpty()
                                ? Optional.empty()
                                : Optional.of(new DoseVolumeHistogram.Curve(
                                        c.dvh().stream()
                                                .mapToDouble(p -> p.dose().inGy())
                                                .toArray(),
                                        c.dvh().stream()
                                                .mapToDouble(RegionCurves.DvhPoint::fractionAtLeast)
                                                .toArray()))))
                .toList();
    }

    private static double[] hours(List<RegionCurves.CurvePoint> points) {
        return points.stream().mapToDouble(RegionCurves.CurvePoint::hours).toArray();
    }

    private static double[] mBq(List<RegionCurves.CurvePoint> points) {
        return points.stream().mapToDouble(p -> p.activity().inMBq()).toArray();
    }

    static String verdict(CycleDecision d) {
        return switch (d) {
            case CycleDecision.Continue c ->
                String.format(
                        Locale.ROOT, "continue with %.2f GBq", c.activity().inGBq());
            case CycleDecision.Adjust a ->
                String.format(Locale.ROOT, "reduce to %.2f GBq", a.activity().inGBq());
            case CycleDecision.Stop s -> "stop the course";
        };
    }

    /**
     * Cumulative kidney BED per cycle given (bars), the cycles the budget still allows at the last
     * cycle's BED (lighter bars), and the limit as a line, for the chart script.
     */
    static String bedChart(List<Double> beds, double limit, int further, int maxCycles) {
        List<String> labels = new ArrayList<>();
        List<String> cumulative = new ArrayList<>();
        List<String> projected = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        int shown = Math.max(beds.size(), Math.min(maxCycles, beds.size() + further));
        double sum = 0;
        double last = beds.isEmpty() ? 0 : beds.getLast();
        for (int i = 0; i < shown; i++) {
            sum += i < beds.size() ? beds.get(i) : last;
            labels.add("\"cycle " + (i + 1) + "\"");
            String v = String.format(Locale.ROOT, "%.2f", sum);
            cumulative.add(i < beds.size() ? v : "null");
            // the budget's last cycle is reduced to end at the limit
            projected.add(i < beds.size() ? "null" : String.format(Locale.ROOT, "%.2f", Math.min(sum, limit)));
            limits.add(String.format(Locale.ROOT, "%.1f", limit));
        }
        return "{\"labels\":" + labels + ",\"xLabel\":\"cycle\",\"yLabel\":\"kidney BED (Gy)\",\"datasets\":["
                + "{\"type\":\"bar\",\"label\":\"cumulative kidney BED\",\"values\":" + cumulative + "},"
                + "{\"type\":\"bar\",\"label\":\"predicted at the last cycle's BED\",\"values\":" + projected
                + ",\"color\":\"#9fb4c0\"},"
                + "{\"type\":\"line\",\"label\":\"limit\",\"values\":" + limits
                + ",\"color\":\"#a12a2a\",\"dashed\":true}]}";
    }

    /** The stored curves for the report's plot; kidney cortices left out (they lie inside their kidneys). */
    private List<DosimetryReport.Curve> reportCurves() {
        List<DosimetryReport.Curve> out = new ArrayList<>();
        for (RegionCurves c : regionCurves) {
            if (c.region().toLowerCase(Locale.ROOT).contains("cortex")) {
                continue;
            }
            out.add(new DosimetryReport.Curve(c.region(), c.model(), samples(c.measured()), samples(c.curve())));
        }
        return out;
    }

    private static List<DosimetryReport.Sample> samples(List<RegionCurves.CurvePoint> points) {
        return points.stream()
                .map(p -> new DosimetryReport.Sample(p.hours(), p.activity()))
                .toList();
    }

    /**
     * The curves the attached job kept for {@code region}, with its TIA and mass; empty for a course's figures
     * (the kidneys' mean, the blood-based marrow). TIA and mass are empty in curves stored before they were kept.
     */
    private Optional<RegionCurves> curvesOf(String region) {
        return regionCurves.stream().filter(c -> c.region().equals(region)).findFirst();
    }

    /** The report input: what this view shows, for the PDF. */
    public DosimetryReport report(String decidedBy, Instant now) {
        List<DosimetryReport.DoseRow> rows = new ArrayList<>();
        for (Row r : doses) {
            if (r.region().endsWith("(BED)")) {
                continue;
            }
            var kept = curvesOf(r.region());
            rows.add(new DosimetryReport.DoseRow(
                    r.region(), kept.flatMap(RegionCurves::mass), kept.flatMap(RegionCurves::tia), r.dose(), r.sd()));
        }
        List<DosimetryReport.BedCycle> bed = new ArrayList<>();
        for (int i = 0; i < kidneyBedPerCycle.size(); i++) {
            bed.add(new DosimetryReport.BedCycle(i + 1, kidneyBedPerCycle.get(i)));
        }
        DosimetryReport report = new DosimetryReport(
                new DosimetryReport.ReportPatient(patientId, patientName, birthDate),
                cycle,
                date,
                administered,
                method
                        + String.format(
                                Locale.ROOT, "; kidney effective half-life %.1f h", kidneyEffectiveHalfLifeHours()),
                reportCurves(),
                rows,
                bed,
                kidneyBedLimit,
                new DosimetryReport.Decision(advice, reasons, decidedBy),
                now);
        return monteCarlo
                .map(mc -> report.withMonteCarlo(MonteCarloRows.report(mc)))
                .orElse(report);
    }
}
