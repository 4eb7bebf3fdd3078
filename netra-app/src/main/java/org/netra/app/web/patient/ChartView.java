package org.netra.app.web.patient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.clinical.eligibility.Criterion;
import org.netra.clinical.eligibility.Verdict;
import org.netra.clinical.followup.LabReading;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleTask;
import org.netra.clinical.therapy.KidneyRadiobiology;
import org.netra.store.clinical.DecisionRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.EligibilityAssessment;
import org.netra.store.clinical.PatientChart;
import org.netra.store.record.Stored;

/**
 * A patient's chart as the pages and the API show it: plain text and numbers, every value with its
 * date, so the same record serves the page, the JSON API and the browser tests.
 */
public record ChartView(
        String id,
        String name,
        String sex,
        int age,
        String tumour,
        String stage,
        String next,
        List<Event> timeline,
        Optional<EligibilityView> eligibility,
        List<CycleRow> cycles,
        List<Stay> stays,
        Optional<DecisionView> lastDecision,
        List<LabRow> labs,
        List<ToxicityRow> toxicity,
        List<RecistRow> recist,
        String bestResponse,
        String labChart) {

    /** How {@link #of} is told that a course's cycle has its administration recorded. */
    public static String administrationKey(String courseId, int cycle) {
        return courseId + "#" + cycle;
    }

    /** One dated entry of the timeline; {@code link} may be empty. */
    public record Event(LocalDate date, String kind, String text, String link) {}

    /** The latest verdict; {@code settings} names the eligibility settings version it was made with. */
    public record EligibilityView(
            String verdict,
            String cssClass,
            LocalDate assessedOn,
            String note,
            List<Criterion> criteria,
            String settings) {}

    /**
     * One cycle of the course, planned or given. A cycle with dosimetry was given; {@code administrationRecorded} says
     * whether its administration is in netra too — dosimetry imported from elsewhere (a FHIR dose summary) comes
     * without it, and the chart says so, for the nurse or radiopharmacist to record it on the cycle's page.
     */
    public record CycleRow(
            int number,
            LocalDate date,
            String activity,
            boolean given,
            boolean administrationRecorded,
            String kidneyDose,
            String kidneyBed,
            String tumourDose,
            List<String> tasks) {}

    public record Stay(String room, LocalDate admission, LocalDate discharge) {}

    public record DecisionView(int cycle, String verdict, LocalDate decidedOn, List<String> reasons) {}

    /**
     * One blood draw: each analyte's value and, where CTCAE grades it, the grade; the last value is the eGFR
     * (CKD-EPI 2021) from the creatinine; {@code link} opens the panel.
     */
    public record LabRow(LocalDate date, List<String> values, String link) {}

    public record ToxicityRow(String term, String baseline, String worst, String worstOn, boolean emergent) {}

    public record RecistRow(LocalDate date, String sum, String change, String target, String overall) {}

    /** The analytes of the lab table, in its column order. */
    public static final List<Analyte> LAB_COLUMNS = List.of(
            Analyte.HAEMOGLOBIN,
            Analyte.PLATELETS,
            Analyte.WHITE_BLOOD_CELLS,
            Analyte.NEUTROPHILS,
            Analyte.LYMPHOCYTES,
            Analyte.CREATININE,
            Analyte.BILIRUBIN,
            Analyte.ALBUMIN,
            Analyte.ALT,
            Analyte.AST,
            Analyte.CHROMOGRANIN_A);

    /** The lab table's column headings: each analyte with its unit as people write it, then the eGFR. */
    public static final List<String> LAB_HEADERS = java.util.stream.Stream.concat(
                    LAB_COLUMNS.stream().map(a -> a.label() + " (" + a.unit().symbol() + ")"),
                    java.util.stream.Stream.of("eGFR (mL/min/1.73m²)"))
            .toList();

    /**
     * @param administered the (course id, cycle) of every administration record the patient has, as
     *     {@link #administrationKey} makes them
     */
    public static ChartView of(
            PatientChart chart, PatientStatus status, LocalDate today, java.util.Set<String> administered) {
        var p = chart.patient().value();
        var patient = p.patient();
        List<Event> events = new ArrayList<>();
        String base = "/patients/" + p.id();
        p.priorTreatments()
                .forEach(t -> events.add(new Event(
                        t.start(),
                        "treatment",
                        t.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + t.detail(),
                        "")));
        chart.studies().forEach(s -> {
            var st = s.value().study();
            events.add(new Event(
                    st.injection().toLocalDate(),
                    "imaging",
                    st.protocol().tracer().label() + ", " + st.lesions().size() + " lesion(s)"
                            + st.highestKrenning()
                                    .map(k -> ", Krenning " + label(k.name()))
                                    .orElse("")
                            + (st.findingsNeedingWorkUp().isEmpty()
                                    ? ""
                                    : ", " + st.findingsNeedingWorkUp().size() + " finding(s) awaiting work-up"),
                    base + "/studies/"
                            + org.netra.store.clinical.ClinicalKinds.localPart(
                                    s.value().id())));
        });
        chart.radiotherapy().forEach(r -> {
            var rt = r.value().course();
            events.add(new Event(
                    rt.start(),
                    "radiotherapy",
                    String.format(
                            Locale.ROOT,
                            "external beam, %s: %.0f Gy in %d fraction(s), palliative (%s)",
                            rt.target().organ(),
                            rt.totalDose().inGy(),
                            rt.fractions(),
                            rt.indication()),
                    ""));
        });
        chart.eligibility()
                .forEach(e -> events.add(new Event(
                        e.value().verdict().assessedOn(),
                        "eligibility",
                        PatientStatus.verdict(e.value().verdict()),
                        base + "#eligibility")));
        chart.dosimetry().forEach(d -> {
            var cd = d.value().dosimetry();
            events.add(new Event(
                    cd.date(),
                    "cycle " + cd.cycle(),
                    String.format(
                            Locale.ROOT,
                            "%.2f GBq given; kidneys %.2f Gy",
                            cd.administered().inGBq(),
                            cd.kidneyDose().inGy()),
                    base + "/dosimetry/" + cd.cycle()));
        });
        chart.decisions()
                .forEach(d -> events.add(new Event(
                        d.value().decidedOn(), "decision", verdict(d.value().decision()), base + "#plan")));
        chart.safety()
                .forEach(s -> events.add(new Event(
                        s.value().administered().toLocalDate(),
                        "safety",
                        "instructions for cycle " + s.value().cycle(),
                        base + "/safety/" + s.value().cycle())));
        chart.toxicity()
                .forEach(t -> events.add(new Event(
                        t.value().to(),
                        "toxicity",
                        "CTCAE assessment to " + t.value().to(),
                        base + "#follow-up")));
        chart.responses().forEach(r -> r.value()
                .timePoints()
                .forEach(tp -> events.add(new Event(
                        tp.date(),
                        "response",
                        "RECIST: "
                                + tp.overall().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        base + "#follow-up"))));
        chart.outcome().ifPresent(o -> {
            o.value().progression().ifPresent(d -> events.add(new Event(d, "outcome", "progression", "")));
            o.value().death().ifPresent(d -> events.add(new Event(d, "outcome", "death", "")));
        });
        events.sort(Comparator.comparing(Event::date));

        // the latest verdict: by the day assessed, then (two on one day) by when it was saved
        Optional<EligibilityView> eligibility = chart.eligibility().stream()
                .max(Comparator.comparing((Stored<EligibilityAssessment> e) ->
                                e.value().verdict().assessedOn())
                        .thenComparing(Stored::updatedAt))
                .map(Stored::value)
                .map(e -> new EligibilityView(
                        PatientStatus.verdict(e.verdict()),
                        switch (e.verdict()) {
                            case Verdict.Eligible x -> "ok";
                            case Verdict.NotEligible x -> "bad";
                            case Verdict.NeedsTeamDecision x -> "warn";
                        },
                        e.verdict().assessedOn(),
                        e.note(),
                        e.verdict().criteria(),
                        e.settingsVersion() == 0
                                ? "netra's default limits"
                                : "the department's eligibility settings, version " + e.settingsVersion()));

        List<CycleRow> cycles = new ArrayList<>();
        chart.courses().stream().reduce((a, b) -> b).ifPresent(course -> {
            for (var c : course.value().plan().cycles()) {
                Optional<DosimetryRecord> d = chart.dosimetry().stream()
                        .map(Stored::value)
                        .filter(x -> x.courseId().equals(course.value().id())
                                && x.dosimetry().cycle() == c.number())
                        .findFirst();
                cycles.add(new CycleRow(
                        c.number(),
                        d.map(x -> x.dosimetry().date())
                                .orElse(c.administration().toLocalDate()),
                        String.format(
                                Locale.ROOT,
                                "%.2f",
                                d.map(x -> x.dosimetry().administered())
                                        .orElse(c.activity())
                                        .inGBq()),
                        d.isPresent(),
                        administered.contains(administrationKey(course.value().id(), c.number())),
                        d.map(x -> gy(x.dosimetry().kidneyDose().inGy())).orElse(""),
                        d.map(x -> gy(x.dosimetry()
                                        .kidneyBed(KidneyRadiobiology.DEFAULTS)
                                        .inGy()))
                                .orElse(""),
                        d.map(x -> x.tumours().stream()
                                        .map(t -> String.format(
                                                Locale.ROOT,
                                                "%s %.1f ± %.1f",
                                                t.lesion(),
                                                t.mean().inGy(),
                                                t.standardDeviation().inGy()))
                                        .reduce((a, b) -> a + "; " + b)
                                        .orElse(""))
                                .orElse(""),
                        c.tasks().stream().map(ChartView::task).toList()));
            }
        });
        List<Stay> stays = chart.roomBookings().stream()
                .map(b -> new Stay(
                        b.value().room(), b.value().admission(), b.value().discharge()))
                .toList();
        Optional<DecisionView> decision = chart.decisions().stream()
                .map(Stored::value)
                .max(Comparator.comparing(DecisionRecord::decidedOn))
                .map(d -> new DecisionView(
                        d.decision().cycle(),
                        verdict(d.decision()),
                        d.decidedOn(),
                        d.decision().reasons()));

        var reader = LabReading.withDefaults();
        List<LabRow> labs = new ArrayList<>();
        for (var panel : chart.labs()) {
            var reading = reader.read(panel.value().results(), patient.sex(), patient.birthDate());
            List<String> values = new ArrayList<>();
            for (Analyte a : LAB_COLUMNS) {
                values.add(reading.values().stream()
                        .filter(g -> g.result().analyte() == a)
                        .findFirst()
                        .map(ChartView::labValue)
                        .orElse("–"));
            }
            values.add(reading.kidney()
                    .map(k -> String.format(Locale.ROOT, "%.0f", k.egfr().mlPerMinPer173m2())
                            + (k.ckdGrade().number() > 0 ? " (G" + k.ckdGrade().number() + ")" : ""))
                    .orElse("–"));
            String key = org.netra.store.clinical.ClinicalKinds.localPart(
                    panel.value().id());
            labs.add(new LabRow(panel.value().sampled(), values, base + "/labs/" + key));
        }
        List<ToxicityRow> toxicity = chart.toxicity().stream()
                .reduce((a, b) -> b)
                .map(t -> t.value().terms().stream()
                        .map(s -> new ToxicityRow(
                                s.term().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                "G" + s.baselineGrade().number(),
                                "G" + s.worstGrade().number(),
                                s.worstDate().map(LocalDate::toString).orElse("–"),
                                s.emergent()))
                        .toList())
                .orElse(List.of());
        List<RecistRow> recist = new ArrayList<>();
        String best = "";
        var response = chart.responses().stream().reduce((a, b) -> b);
        if (response.isPresent()) {
            var r = response.get().value();
            recist.add(new RecistRow(
                    r.baseline().date(),
                    mm(r.baseline().targets().stream()
                            .mapToDouble(l -> l.size().millimetres())
                            .sum()),
                    "baseline",
                    "",
                    ""));
            for (var tp : r.timePoints()) {
                recist.add(new RecistRow(
                        tp.date(),
                        tp.sum().map(s -> mm(s.millimetres())).orElse("–"),
                        tp.changeFromBaseline()
                                .map(c -> String.format(Locale.ROOT, "%+.0f %%", 100 * c))
                                .orElse("–"),
                        label(tp.target().name()),
                        label(tp.overall().name())));
            }
            best = label(r.best().name());
        }
        return new ChartView(
                p.id(),
                p.name(),
                label(patient.sex().name()),
                patient.ageOn(today),
                label(p.tumour().site().name()) + ", " + p.tumour().grade()
                        + p.tumour()
                                .ki67()
                                .map(k -> String.format(Locale.ROOT, ", Ki-67 %.0f %%", k.percent()))
                                .orElse(""),
                status.stage().label(),
                status.detail(),
                events,
                eligibility,
                cycles,
                stays,
                decision,
                labs,
                toxicity,
                recist,
                best,
                labChart(chart.labs().stream()
                        .flatMap(l -> l.value().results().stream())
                        .toList()));
    }

    static String verdict(CycleDecision d) {
        return switch (d) {
            case CycleDecision.Continue c ->
                String.format(
                        Locale.ROOT,
                        "cycle %d: continue with %.2f GBq",
                        c.cycle(),
                        c.activity().inGBq());
            case CycleDecision.Adjust a ->
                String.format(
                        Locale.ROOT,
                        "cycle %d: reduce to %.2f GBq%s",
                        a.cycle(),
                        a.activity().inGBq(),
                        a.waitForRecovery() ? " after recovery" : "");
            case CycleDecision.Stop s -> "cycle " + s.cycle() + ": stop the course";
        };
    }

    private static String task(CycleTask t) {
        return switch (t) {
            case CycleTask.SomatostatinAnaloguePause p -> "last long-acting analogue by " + p.lastInjectionBy();
            case CycleTask.PreCycleLabs l -> "labs " + l.from() + " – " + l.by();
            case CycleTask.AminoAcidInfusion a ->
                "amino acids from " + a.start().toLocalTime();
            case CycleTask.PostTherapyImaging i ->
                "SPECT/CT "
                        + i.scans().stream()
                                .map(s -> s.toLocalDate().toString())
                                .reduce((x, y) -> x + ", " + y)
                                .orElse("");
        };
    }

    private static String labValue(LabReading.Graded g) {
        double value = g.result().value();
        String v =
                value >= 1000 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
        int grade = g.grade().map(x -> x.number()).orElse(0);
        return grade > 0 ? v + " (G" + grade + ")" : v;
    }

    /** Platelets over time for the chart script. */
    private static String labChart(List<LabResult> results) {
        var platelets = results.stream()
                .filter(r -> r.analyte() == Analyte.PLATELETS)
                .sorted(Comparator.comparing(LabResult::date))
                .toList();
        var labels = platelets.stream().map(r -> "\"" + r.date() + "\"").toList();
        var values = platelets.stream()
                .map(r -> String.format(Locale.ROOT, "%.1f", r.value()))
                .toList();
        return "{\"type\":\"line\",\"title\":\"platelets (×10⁹/L)\",\"labels\":" + labels + ",\"values\":" + values
                + ",\"xLabel\":\"date\",\"yLabel\":\"platelets ×10⁹/L (CTCAE G1 < 75, G2 < 50)\"}";
    }

    private static String gy(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String mm(double v) {
        return String.format(Locale.ROOT, "%.0f mm", v);
    }

    static String label(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
