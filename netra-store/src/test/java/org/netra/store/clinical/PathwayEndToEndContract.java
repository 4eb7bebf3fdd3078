package org.netra.store.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.clinical.diagnosis.NetType;
import org.netra.clinical.diagnosis.Tracer;
import org.netra.clinical.diagnosis.TracerCatalogue;
import org.netra.clinical.eligibility.Criterion;
import org.netra.clinical.eligibility.Eligibility;
import org.netra.clinical.eligibility.Verdict;
import org.netra.clinical.followup.Ctcae;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.followup.CtcaeTerm;
import org.netra.clinical.followup.ToxicityAssessment;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.LabUnit;
import org.netra.clinical.patient.Length;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.PriorTreatment;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TreatmentKind;
import org.netra.clinical.patient.TumourSite;
import org.netra.clinical.safety.ContactScenario;
import org.netra.clinical.safety.DoseRate;
import org.netra.clinical.safety.InstructionSheet;
import org.netra.clinical.safety.RadiationProtection;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.DoseDecision;
import org.netra.clinical.therapy.DoseModificationRules;
import org.netra.clinical.therapy.KidneyRadiobiology;
import org.netra.clinical.therapy.PlanRules;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.kinetics.SelectionRule;
import org.netra.dosimetry.organ.SphereModel;
import org.netra.dosimetry.radiobiology.Bed;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Density;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.Volume;
import org.netra.store.audit.AuditEvent;
import org.netra.store.record.RecordKind;

/**
 * One patient from somatostatin-receptor scintigraphy to the decision on cycle 5, every step persisted and
 * audit-trailed. The patient is the real 177Lu-DOTATATE patient of shared/data (male, 64 y, 93 kg, 175 cm;
 * 7210 MBq on 2018-11-15 09:22): the tumour doses of each cycle come from netra-dosimetry run on the two real
 * SPECTs with their RTSTRUCT lesions (that cycle's Gy/GBq, scaled to 7.4 GBq: the data set holds one cycle's
 * imaging). Kidney and marrow have no VOI in the data, so they are documented values: kidney 0.60, 0.64, 0.68,
 * 0.72 Gy/GBq over cycles 1–4 with T_eff 50 h — the upper end of the published spread (0.38 ± 0.19 …
 * 0.57 ± 0.09 Gy/GBq, DOMAIN.md §1), rising as kidney function declines — and marrow 0.02 Gy/GBq (blood-based
 * 0.01–0.03, DOMAIN.md §1). The history before PRRT (SRS, labs, treatments) is made up to fit.
 */
abstract class PathwayEndToEndContract extends OnFreshStore {
    static final String PID = "ANON54121";
    static final LocalDateTime CYCLE_1 = LocalDateTime.of(2018, 11, 15, 9, 22);
    static final LocalDateTime SRS_INJECTION = LocalDateTime.of(2018, 10, 8, 9, 0);
    static final double[] KIDNEY_GY_PER_GBQ = {0.60, 0.64, 0.68, 0.72};
    static final Duration KIDNEY_TEFF = Duration.ofHours(50);
    static final double MARROW_GY_PER_GBQ = 0.02;
    static final String COURSE = ClinicalKinds.key(PID, "prrt-1");

    private final Map<String, Integer> writes = new HashMap<>();

    private <T> void create(RecordKind<T> kind, T value, String actor) {
        store.records().create(kind, value, actor);
        writes.merge(kind.name(), 1, Integer::sum);
    }

    @Test
    void onePatientFromSrsToTheDecisionOnCycle5() {
        var records = store.records();

        // --- the patient, with tumour, Ki-67 and prior treatments
        var patient = new Patient(
                PID,
                Sex.MALE,
                LocalDate.of(1954, 6, 1),
                List.of(new Dated<>(LocalDate.of(2018, 10, 25), Mass.ofKg(92.987))),
                List.of(new Dated<>(LocalDate.of(2018, 10, 25), Length.ofCm(175.3))));
        create(
                ClinicalKinds.PATIENT,
                new PatientRecord(
                        patient,
                        "177Lu SPECT patient (anonymised)",
                        new PrimaryTumour(
                                TumourSite.SMALL_INTESTINE,
                                Grade.G2,
                                Optional.of(new Ki67(12, LocalDate.of(2018, 6, 20)))),
                        List.of(
                                new PriorTreatment(
                                        TreatmentKind.SURGERY,
                                        LocalDate.of(2017, 9, 4),
                                        Optional.of(LocalDate.of(2017, 9, 4)),
                                        "small-bowel resection"),
                                new PriorTreatment(
                                        TreatmentKind.SOMATOSTATIN_ANALOGUE,
                                        LocalDate.of(2017, 11, 1),
                                        Optional.empty(),
                                        "octreotide LAR 30 mg; hepatic progression 2018-08")),
                        List.of(new Dated<>(LocalDate.of(2018, 10, 25), new PerformanceStatus.Ecog(1))),
                        Optional.empty(),
                        false),
                "dr.berg");

        // --- diagnosis: SRS with 111In-pentetreotide, injected on day 1, scanned at 4, 24 and 48 h
        assertThat(TracerCatalogue.suits(Tracer.IN111_PENTETREOTIDE, NetType.of(Grade.G2)))
                .isTrue();
        var srs = new ImagingStudy(
                "srs-1",
                ImagingProtocol.SomatostatinReceptorScintigraphy.standard(),
                SRS_INJECTION,
                List.of(
                        new Lesion(
                                "lesion1 liver R lobe",
                                "liver",
                                false,
                                Optional.of(KrenningScore.ABOVE_SPLEEN_KIDNEYS),
                                null,
                                null),
                        new Lesion(
                                "lesion2 liver L lateral",
                                "liver",
                                false,
                                Optional.of(KrenningScore.ABOVE_LIVER),
                                null,
                                null)),
                List.of());
        assertThat(srs.scanSchedule())
                .containsExactly(SRS_INJECTION.plusHours(4), SRS_INJECTION.plusHours(24), SRS_INJECTION.plusHours(48));
        create(ClinicalKinds.STUDY, new StudyRecord(ClinicalKinds.key(PID, "srs-1"), PID, srs), "dr.nm");

        // --- labs before PRRT (within the 4 weeks the eligibility check allows)
        LocalDate baseline = LocalDate.of(2018, 11, 1);
        create(ClinicalKinds.LAB_PANEL, panel("base", baseline, 13.8, 245, 6.2, 3.9, 1.6, 88), "nurse.anna");

        // --- eligibility, read from the stored chart
        var chart = PatientChart.load(records, PID);
        LocalDate boardDay = LocalDate.of(2018, 11, 7);
        Verdict verdict = Eligibility.withDefaults().assess(chart.candidate(), boardDay);
        assertThat(verdict).isInstanceOf(Verdict.Eligible.class);
        assertThat(verdict.criteria()).allSatisfy(c -> {
            assertThat(c.status()).as(c.name()).isEqualTo(Criterion.Status.MET);
            assertThat(c.source()).as(c.name()).isNotBlank();
            assertThat(c.stale()).as(c.name()).isFalse();
        });
        Criterion uptake = criterion(verdict, "SSTR uptake");
        assertThat(uptake.value()).contains("highest Krenning 4", "111In-pentetreotide");
        assertThat(uptake.threshold()).isEqualTo("Krenning ≥ 3");
        assertThat(uptake.measured()).contains(SRS_INJECTION.toLocalDate());
        assertThat(criterion(verdict, "Ki-67").value()).startsWith("12.0 %");
        assertThat(criterion(verdict, "creatinine clearance").value()).contains("Cockcroft–Gault");
        create(
                ClinicalKinds.ELIGIBILITY,
                new EligibilityAssessment(ClinicalKinds.key(PID, "elig-1"), PID, verdict, "NET board " + boardDay),
                "dr.berg");

        // --- the label plan: 4 × 7.4 GBq every 8 weeks, with its tasks; isolation rooms for the stays
        PrrtPlan plan = PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, CYCLE_1, PlanRules.DEFAULTS);
        assertThat(plan.cycles()).hasSize(4).allSatisfy(c -> assertThat(c.activity())
                .isEqualTo(Activity.ofGBq(7.4)));
        assertThat(plan.cycles().get(3).administration()).isEqualTo(CYCLE_1.plusWeeks(24));
        assertThat(plan.totalActivity().inGBq()).isCloseTo(29.6, within(1e-9));
        create(ClinicalKinds.COURSE, new CourseRecord(COURSE, PID, plan), "dr.berg");
        // another patient holds iso-1 over the first administration: the calendar gives iso-2
        create(
                ClinicalKinds.ROOM_BOOKING,
                new RoomBooking(
                        "iso-1",
                        "P-OTHER",
                        CYCLE_1.toLocalDate().minusDays(1),
                        CYCLE_1.toLocalDate().plusDays(3)),
                "nurse.anna");
        var calendar = IsolationRooms.calendar(records, List.of("iso-1", "iso-2"), 4, 7);
        var scheduled = calendar.schedule(PID, plan, 4, 14);
        assertThat(IsolationRooms.book(records, scheduled, "nurse.anna")).isEmpty();
        writes.merge(ClinicalKinds.ROOM_BOOKING.name(), plan.cycles().size(), Integer::sum);
        assertThat(IsolationRooms.calendar(records, List.of("iso-1", "iso-2"), 4, 7)
                        .bookings())
                .hasSize(5);
        assertThat(PatientChart.load(records, PID).roomBookings().get(0).value().room())
                .isEqualTo("iso-2");

        // --- cycles 1–4: tumour dosimetry on the real SPECT, documented kidney and marrow, safety, labs
        var spect = RealSpectDosimetry.run();
        checkTumourDosimetry(spect);
        var rp = RadiationProtection.defaults();
        var ctcae = Ctcae.withDefaults();
        double[][] afterCycle = {
            // Hb, platelets, WBC, neutrophils, lymphocytes, creatinine — nadir (≈ 5 weeks) then before the next cycle
            {13.2, 176, 4.9, 3.1, 1.10, 90}, {13.5, 210, 5.6, 3.5, 1.30, 91},
            {12.9, 158, 4.4, 2.8, 0.92, 93}, {13.2, 190, 5.0, 3.2, 1.05, 94},
            {12.7, 139, 4.1, 2.5, 0.78, 96}, {13.0, 171, 4.6, 2.9, 0.95, 97},
            {12.4, 121, 3.8, 2.3, 0.69, 100}, {12.8, 152, 4.3, 2.7, 0.84, 101}
        };
        for (PlannedCycle cycle : plan.cycles()) {
            int n = cycle.number();
            LocalDateTime given = cycle.administration();
            var kidney = AbsorbedDose.ofGy(
                    KIDNEY_GY_PER_GBQ[n - 1] * cycle.activity().inGBq());
            // the cycle's kidney BED as netra-dosimetry gives it; the clinical model must agree with it
            var kidneyBed = Bed.monoExponential(kidney, KIDNEY_TEFF, TissueParameters.KIDNEY);
            assertThat(kidneyBed.inGy())
                    .isCloseTo(
                            KidneyRadiobiology.DEFAULTS.bed(kidney, KIDNEY_TEFF).inGy(), within(1e-12));
            var dosimetry = new CycleDosimetry(
                    n,
                    given.toLocalDate(),
                    cycle.activity(),
                    kidney,
                    KIDNEY_TEFF,
                    Optional.of(kidneyBed),
                    AbsorbedDose.ofGy(MARROW_GY_PER_GBQ * cycle.activity().inGBq()));
            create(
                    ClinicalKinds.DOSIMETRY,
                    new DosimetryRecord(
                            ClinicalKinds.key(PID, "prrt-1", "cycle-" + n),
                            PID,
                            COURSE,
                            dosimetry,
                            spect.scaledTo(cycle.activity()),
                            "tumours: netra-dosimetry cycle on SPECT 3.7 h + 27.7 h (rigid registration, RTSTRUCT"
                                    + " VOIs, voxel kinetics, soft-tissue kernel), scaled to the activity;"
                                    + " kidney and marrow: documented values"),
                    "phys.carl");

            // 24 h isolation, then the release check and the restrictions from the measured dose rate
            LocalDateTime measured = given.plusHours(24);
            DoseRate rate = DoseRate.ofMicroSvPerHour(9.5);
            Duration wholeBody = Duration.ofHours(55);
            var release = rp.releaseCheck(given, measured, rate, wholeBody);
            assertThat(release.releasable()).as(release.reasons().toString()).isTrue();
            var restrictions = rp.restrictions(rate, wholeBody, ContactScenario.defaults());
            create(
                    ClinicalKinds.SAFETY,
                    new SafetyRecord(
                            ClinicalKinds.key(PID, "prrt-1", "safety-" + n),
                            PID,
                            COURSE,
                            n,
                            given,
                            measured,
                            rate,
                            wholeBody,
                            release,
                            restrictions),
                    "phys.carl");

            double[] nadir = afterCycle[2 * (n - 1)];
            double[] before = afterCycle[2 * (n - 1) + 1];
            LocalDate nadirDay = given.toLocalDate().plusWeeks(5);
            LocalDate preNext = given.toLocalDate().plusWeeks(7);
            create(ClinicalKinds.LAB_PANEL, panel("c" + n + "-nadir", nadirDay, nadir), "nurse.anna");
            create(ClinicalKinds.LAB_PANEL, panel("c" + n + "-pre", preNext, before), "nurse.anna");

            if (n < 4) {
                var d = decide(n + 1, preNext, ContinuationConfig.DEFAULTS, ctcae);
                assertThat(d.decision()).as("cycle " + (n + 1)).isInstanceOf(CycleDecision.Continue.class);
                create(ClinicalKinds.DECISION, d, "dr.berg");
            }
        }

        // --- toxicity over the course: CTCAE v5 against the baseline
        chart = PatientChart.load(records, PID);
        LocalDate last = plan.cycles().get(3).administration().toLocalDate().plusWeeks(7);
        var terms = new ToxicityAssessment(ctcae)
                .assess(patient, chart.labHistory(), baseline, CYCLE_1.toLocalDate(), last);
        Map<CtcaeTerm, CtcaeGrade> worst = new HashMap<>();
        terms.forEach(t -> worst.put(t.term(), t.worstGrade()));
        // platelets 121 (< LLN 150, ≥ 75): G1; Hb 12.4 (< 13.0 male LLN, ≥ 10): G1; lymphocytes 0.69 (< 0.8): G2
        assertThat(worst)
                .containsEntry(CtcaeTerm.PLATELET_COUNT_DECREASED, CtcaeGrade.G1)
                .containsEntry(CtcaeTerm.ANAEMIA, CtcaeGrade.G1)
                .containsEntry(CtcaeTerm.LYMPHOCYTE_COUNT_DECREASED, CtcaeGrade.G2)
                .containsEntry(CtcaeTerm.NEUTROPHIL_COUNT_DECREASED, CtcaeGrade.G0)
                .containsEntry(CtcaeTerm.CREATININE_INCREASED, CtcaeGrade.G0);
        create(
                ClinicalKinds.TOXICITY,
                new ToxicityRecord(
                        ClinicalKinds.key(PID, "ctcae-c1-c4"), PID, baseline, CYCLE_1.toLocalDate(), last, terms),
                "dr.berg");

        // --- the decision on cycle 5
        LocalDate c4 = plan.cycles().get(3).administration().toLocalDate();
        var five = decide(5, c4.plusWeeks(7), ContinuationConfig.DEFAULTS, ctcae);
        double expectedBed = 0;
        double g = 2.8 / (2.6 * (2.8 + 50)); // LQ dose-rate factor: T_rep 2.8 h, α/β 2.6 Gy, T_eff 50 h
        for (double k : KIDNEY_GY_PER_GBQ) {
            double d = k * 7.4;
            expectedBed += d * (1 + g * d);
        }
        double remaining = 27 - expectedBed;
        double dose = (-1 + Math.sqrt(1 + 4 * g * remaining)) / (2 * g);
        double expectedActivity = dose / KIDNEY_GY_PER_GBQ[3];
        assertThat(expectedBed).isCloseTo(21.491, within(1e-3));
        assertThat(expectedActivity).isCloseTo(6.943, within(1e-3));
        var budget = five.dosimetry().budget();
        assertThat(budget.cumulativeKidneyBed().inGy()).isCloseTo(expectedBed, within(1e-9));
        assertThat(budget.cumulativeMarrowDose().inGy()).isCloseTo(4 * 7.4 * MARROW_GY_PER_GBQ, within(1e-12));
        assertThat(five.toxicity()).isInstanceOf(DoseDecision.Proceed.class);
        assertThat(five.decision()).isInstanceOf(CycleDecision.Adjust.class);
        var adjust = (CycleDecision.Adjust) five.decision();
        assertThat(adjust.cycle()).isEqualTo(5);
        assertThat(adjust.waitForRecovery()).isFalse();
        assertThat(adjust.activity().inGBq()).isCloseTo(expectedActivity, within(1e-9));
        assertThat(adjust.reasons())
                .anySatisfy(r ->
                        assertThat(r).contains("cumulative kidney BED 21.49 Gy of 27.0 Gy", "marrow 0.59 Gy of 2.0 Gy"))
                .anySatisfy(r ->
                        assertThat(r).contains("dosimetry allows 6.94 GBq (limited by kidney)", "kidney BED 27.00 Gy"))
                .anySatisfy(r -> assertThat(r).contains("no dose-limiting toxicity"));
        create(ClinicalKinds.DECISION, five, "dr.berg");

        // the plan grows a fifth, reduced cycle: an update the audit trail shows before → after
        var stored = records.get(ClinicalKinds.COURSE, COURSE);
        List<PlannedCycle> cycles = new ArrayList<>(stored.value().plan().cycles());
        LocalDateTime fifth = CYCLE_1.plusWeeks(32);
        cycles.add(new PlannedCycle(5, fifth, adjust.activity(), PrrtPlan.tasks(fifth, PlanRules.DEFAULTS)));
        var extended = new CourseRecord(
                COURSE, PID, new PrrtPlan(plan.radiopharmaceutical(), PrrtPlan.Schedule.INDIVIDUALISED, cycles));
        records.update(ClinicalKinds.COURSE, stored.version(), extended, "dr.berg");
        writes.merge(ClinicalKinds.COURSE.name(), 1, Integer::sum);

        // a stricter kidney limit (configuration, not code) stops the course instead
        var strict = decide(
                5, c4.plusWeeks(7), ContinuationConfig.DEFAULTS.withKidneyBedLimit(AbsorbedDose.ofGy(22)), ctcae);
        assertThat(strict.decision()).isInstanceOf(CycleDecision.Stop.class);
        assertThat(strict.decision().reasons())
                .anySatisfy(r -> assertThat(r).contains("below the minimum useful 1.85 GBq"));

        // --- everything is in the database and in the audit trail
        chart = PatientChart.load(records, PID);
        assertThat(chart.dosimetry()).hasSize(4);
        assertThat(chart.dosimetry().get(0).value().tumours())
                .extracting(t -> t.lesion())
                .containsExactly("lesion1 liver R lobe", "lesion2 liver L lateral");
        assertThat(chart.decisions())
                .extracting(d -> d.value().decision().cycle())
                .containsExactlyInAnyOrder(2, 3, 4, 5);
        assertThat(chart.decisions().stream()
                        .filter(d -> d.value().decision().cycle() == 5)
                        .findFirst()
                        .orElseThrow()
                        .value())
                .isEqualTo(five);
        assertThat(chart.courses().get(0).version()).isEqualTo(2);
        assertThat(chart.courses().get(0).value().plan().cycles()).hasSize(5);
        assertThat(chart.safety()).hasSize(4);
        assertThat(chart.labs()).hasSize(9);
        String sheet = InstructionSheet.render(
                PID,
                plan.radiopharmaceutical().label(),
                CYCLE_1,
                chart.safety().get(0).value().measuredAt(),
                chart.safety().get(0).value().atOneMetre(),
                chart.safety().get(0).value().restrictions());
        // 9.5 µSv/h at 1 m a day after 7.4 GBq, T_eff 55 h: a partner sharing the bed (8 h at 0.5 m and 4 h at
        // 1 m a day, OF 1.5) would get 9.5·1.5·55/ln 2 = 1131 µSv over the whole decay, over the 1 mSv per cycle:
        // (55/ln 2)·ln(1.1307) = 9.7 h of restriction, kept the consensus 3 days (NANETS/SNMMI 2019)
        var partner = chart.safety().get(0).value().restrictions().get(0);
        assertThat(partner.scenario().name()).isEqualTo("partner");
        assertThat(partner.withoutRestriction().inMicroSv()).isCloseTo(9.5 * 1.5 * 55 / Math.log(2), within(1e-9));
        assertThat(partner.period().toSeconds() / 3600.0)
                .isCloseTo(55 / Math.log(2) * Math.log(9.5 * 1.5 * 55 / Math.log(2) / 1000), within(1.0 / 3600));
        assertThat(partner.days()).isEqualTo(3);
        assertThat(sheet)
                .contains(
                        PID,
                        "[177Lu]Lu-DOTATATE, given 2018-11-15",
                        "partner:               sleep apart and keep more than 1 m by day, for 3 day(s)");

        List<AuditEvent> trail = store.audit().since(0);
        int total = writes.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(trail).hasSize(total);
        writes.forEach(
                (kind, n) -> assertThat(trail.stream().filter(e -> e.kind().equals(kind)))
                        .as(kind)
                        .hasSize(n));
        var courseHistory = store.audit().history(ClinicalKinds.COURSE.name(), COURSE);
        assertThat(courseHistory)
                .extracting(AuditEvent::action)
                .containsExactly(AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE);
        var docs = store.documents();
        assertThat(docs.read(courseHistory.get(1).before(), CourseRecord.class)
                        .plan()
                        .cycles())
                .hasSize(4);
        assertThat(docs.read(courseHistory.get(1).after(), CourseRecord.class)).isEqualTo(extended);
        assertThat(trail).extracting(AuditEvent::actor).contains("dr.berg", "dr.nm", "nurse.anna", "phys.carl");
    }

    /** The decision on the next cycle from what is stored, as a DecisionRecord. */
    private DecisionRecord decide(int cycle, LocalDate asOf, ContinuationConfig config, Ctcae ctcae) {
        var chart = PatientChart.load(store.records(), PID);
        var d = new NextCycle(config, DoseModificationRules.LABEL, ctcae).decide(chart, COURSE, asOf);
        assertThat(d.decision().cycle()).isEqualTo(cycle);
        return d;
    }

    /**
     * The cycle as netra-dosimetry computes it on the real data (its figures are pinned and checked against a
     * pydicom/SciPy reference in RealPatientCycleTest, docs/dosimetry.md). Here, an independent cross-check of
     * the voxel-kernel doses: the self-dose of a uniform sphere of the VOI's volume (SphereModel) times the
     * region's time-integrated activity agrees within 12 % — the sphere keeps every beta, the kernel lets some
     * escape the VOI, so the sphere is the higher.
     */
    private static void checkTumourDosimetry(RealSpectDosimetry.Result spect) {
        assertThat(spect.administered().inMBq()).isCloseTo(7210.4256, within(1e-3));
        assertThat(org.netra.physics.quantity.Times.hours(
                        spect.cycle().afterInjection().get(0)))
                .isCloseTo(3.741, within(1e-3));
        assertThat(org.netra.physics.quantity.Times.hours(
                        spect.cycle().afterInjection().get(1)))
                .isCloseTo(27.725, within(1e-3));
        assertThat(spect.cycle().vois())
                .extracting(CycleResult.Voi::name)
                .containsExactly("lesion1 liver R lobe", "lesion2 liver L lateral");
        var lu = NuclideCatalog.icrp107().get("Lu-177");
        for (var v : spect.cycle().vois()) {
            assertThat(v.tia().rule()).as(v.name()).isEqualTo(SelectionRule.TWO_POINTS_NOT_CLEARING);
            assertThat(v.activity().get(1).inMBq())
                    .as("still rising: " + v.name())
                    .isGreaterThan(v.activity().get(0).inMBq());
            double sphere = SphereModel.selfS(
                            lu,
                            Volume.ofMl(v.volume().inMl()),
                            Density.ofGramsPerMl(v.mass().inGrams() / v.volume().inMl()))
                    .dose(v.tia().timeIntegratedActivity())
                    .inGy();
            assertThat(v.dose().inGy()).as(v.name()).isBetween(sphere / 1.12, sphere);
            assertThat(v.doseSd().inGy() / v.dose().inGy()).as(v.name()).isBetween(0.05, 0.30);
        }
        // what the course stores: this cycle's Gy/GBq × 7.4 GBq
        var stored = spect.scaledTo(Activity.ofGBq(7.4));
        assertThat(stored.get(0).mean().inGy())
                .isCloseTo(spect.cycle().vois().get(0).dose().inGy() * 7400 / 7210.4256, within(1e-6));
        assertThat(stored.get(0).volume()).isEqualTo(spect.cycle().vois().get(0).volume());
    }

    private static Criterion criterion(Verdict v, String name) {
        return v.criteria().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static LabPanel panel(String suffix, LocalDate day, double... v) {
        return new LabPanel(
                ClinicalKinds.key(PID, "lab-" + suffix),
                PID,
                List.of(
                        LabResult.of(Analyte.HAEMOGLOBIN, v[0], LabUnit.G_PER_DL, day),
                        LabResult.of(Analyte.PLATELETS, v[1], LabUnit.PER_NL, day),
                        LabResult.of(Analyte.WHITE_BLOOD_CELLS, v[2], LabUnit.PER_NL, day),
                        LabResult.of(Analyte.NEUTROPHILS, v[3], LabUnit.PER_NL, day),
                        LabResult.of(Analyte.LYMPHOCYTES, v[4], LabUnit.PER_NL, day),
                        LabResult.of(Analyte.CREATININE, v[5], LabUnit.UMOL_PER_L, day)));
    }
}
