package org.netra.store.clinical;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.clinical.diagnosis.BoneFinding;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.clinical.diagnosis.LesionUptake;
import org.netra.clinical.diagnosis.PalliativeRadiotherapy;
import org.netra.clinical.diagnosis.Tracer;
import org.netra.clinical.eligibility.Eligibility;
import org.netra.clinical.followup.BaselineLesion;
import org.netra.clinical.followup.Ctcae;
import org.netra.clinical.followup.FollowUpAssessment;
import org.netra.clinical.followup.Measurement;
import org.netra.clinical.followup.NonTargetStatus;
import org.netra.clinical.followup.Recist;
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
import org.netra.clinical.safety.RadiationProtection;
import org.netra.clinical.therapy.Continuation;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.DoseDecision;
import org.netra.clinical.therapy.PlanRules;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.clinical.therapy.TumourDose;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.Volume;

/** One patient with a record of every clinical kind, each built by the domain code as a clinic would. */
final class Samples {
    static final String PID = "P-0042";
    static final LocalDate START = LocalDate.of(2025, 3, 3);

    private Samples() {}

    static PatientRecord patient() {
        var p = new Patient(
                PID,
                Sex.FEMALE,
                LocalDate.of(1961, 5, 17),
                List.of(new Dated<>(START.minusDays(10), Mass.ofKg(68.5))),
                List.of(new Dated<>(START.minusYears(1), Length.ofCm(168))));
        return new PatientRecord(
                p,
                "Ingrid Example",
                new PrimaryTumour(
                        TumourSite.SMALL_INTESTINE, Grade.G2, Optional.of(new Ki67(8, START.minusMonths(14)))),
                List.of(
                        new PriorTreatment(
                                TreatmentKind.SURGERY,
                                START.minusMonths(14),
                                Optional.of(START.minusMonths(14)),
                                "ileocaecal resection"),
                        new PriorTreatment(
                                TreatmentKind.SOMATOSTATIN_ANALOGUE,
                                START.minusMonths(12),
                                Optional.empty(),
                                "octreotide LAR 30 mg")),
                List.of(
                        new Dated<>(START.minusDays(12), new PerformanceStatus.Ecog(1)),
                        new Dated<>(START.minusDays(40), new PerformanceStatus.Karnofsky(80))),
                Optional.empty(),
                false,
                List.of(
                        new org.netra.clinical.patient.Identifier(
                                org.netra.clinical.patient.Identifier.MRN, "HOSP-0042-7"),
                        new org.netra.clinical.patient.Identifier("NHS", "943 476 5919")));
    }

    static Lesion liver() {
        return new Lesion("liver-s7", "liver", false, Optional.of(KrenningScore.ABOVE_SPLEEN_KIDNEYS), null, null);
    }

    static StudyRecord srs() {
        var study = new ImagingStudy(
                "srs-1",
                ImagingProtocol.SomatostatinReceptorScintigraphy.standard(),
                START.minusDays(20).atTime(9, 0),
                List.of(
                        liver(),
                        new Lesion(
                                "node-mes",
                                "mesenteric node",
                                false,
                                Optional.of(KrenningScore.ABOVE_LIVER),
                                null,
                                null)),
                List.of());
        // what netra measured in a series it holds: a grade suggested for one lesion, none for the other
        var measured = List.<LesionUptake>of(
                new LesionUptake.KrenningSuggested(
                        "node-mes", "1.2.3.4", "node", KrenningScore.ABOVE_LIVER, 5400, 2100, 4800),
                new LesionUptake.KrenningNotSuggested(
                        liver().id(), "1.2.3.4", "lesion1", "cannot suggest a grade: the study has no liver VOI"));
        return new StudyRecord(ClinicalKinds.key(PID, "srs-1"), PID, study, List.of(), measured);
    }

    static StudyRecord pet() {
        var study = new ImagingStudy(
                "pet-1",
                ImagingProtocol.PetCt.of(Tracer.F18_FDG),
                START.minusDays(18).atTime(8, 15),
                List.of(new Lesion("liver-s7", "liver", false, Optional.empty(), Optional.of(4.2), Optional.of(3.1))),
                List.of());
        var measured = List.<LesionUptake>of(
                new LesionUptake.SuvRead("liver-s7", "1.2.3.5", "GTV", 4.2, Optional.of(2.6)),
                new LesionUptake.SuvRead(StudyRecord.WHOLE_BODY, "1.2.3.5", "", 12.5, Optional.empty()));
        return new StudyRecord(ClinicalKinds.key(PID, "pet-1"), PID, study, List.of(), measured);
    }

    static Lesion rib() {
        return new Lesion("rib-7", "rib 7 right", true, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static StudyRecord bone() {
        var study = new ImagingStudy(
                "bone-1",
                ImagingProtocol.BoneScintigraphy.standard(),
                START.minusDays(16).atTime(10, 0),
                List.of(rib()),
                List.of(
                        new BoneFinding("rib 7 right", BoneFinding.Kind.SUSPICIOUS),
                        // worked up already: no longer among the findings needing work-up
                        new BoneFinding("left parietal bone", BoneFinding.Kind.SUSPICIOUS)
                                .withDone(new BoneFinding.WorkUpDone(
                                        BoneFinding.WorkUp.MRI, START.minusDays(12), "haemangioma")),
                        new BoneFinding("L4/L5", BoneFinding.Kind.DEGENERATIVE)));
        return new StudyRecord(ClinicalKinds.key(PID, "bone-1"), PID, study);
    }

    static StudyRecord mibg() {
        var study = new ImagingStudy(
                "mibg-1",
                ImagingProtocol.MibgScintigraphy.i123(),
                START.minusDays(15).atTime(11, 0),
                List.of(new Lesion("adrenal-l", "left adrenal", false, null, null, null)),
                List.of());
        var read = new org.netra.clinical.diagnosis.ConjugateViewRead(
                "adrenal-l",
                300_000,
                120_000,
                java.time.Duration.ofMinutes(5),
                0.12,
                20,
                10,
                org.netra.physics.quantity.Activity.ofMBq(209.98));
        return new StudyRecord(ClinicalKinds.key(PID, "mibg-1"), PID, study, List.of(read));
    }

    static LabPanel labs(LocalDate day, String suffix, double platelets) {
        return new LabPanel(
                ClinicalKinds.key(PID, "lab-" + suffix),
                PID,
                List.of(
                        LabResult.of(Analyte.HAEMOGLOBIN, 12.4, LabUnit.G_PER_DL, day),
                        LabResult.of(Analyte.PLATELETS, platelets, LabUnit.PER_NL, day),
                        LabResult.of(Analyte.WHITE_BLOOD_CELLS, 5.1, LabUnit.PER_NL, day),
                        LabResult.of(Analyte.NEUTROPHILS, 3.0, LabUnit.PER_NL, day),
                        LabResult.of(Analyte.LYMPHOCYTES, 1.4, LabUnit.PER_NL, day),
                        LabResult.of(Analyte.CREATININE, 0.9, LabUnit.MG_PER_DL_CREATININE, day),
                        LabResult.of(Analyte.BILIRUBIN, 0.7, LabUnit.MG_PER_DL_BILIRUBIN, day),
                        LabResult.of(Analyte.ALBUMIN, 4.1, LabUnit.G_PER_DL_ALBUMIN, day),
                        LabResult.of(Analyte.ALT, 0.4, LabUnit.UKAT_PER_L, day),
                        LabResult.of(Analyte.AST, 28, LabUnit.U_PER_L, day),
                        LabResult.of(Analyte.CHROMOGRANIN_A, 410, LabUnit.NG_PER_ML, day)));
    }

    static EligibilityAssessment eligibility() {
        var candidate = patient()
                .candidate(
                        new org.netra.clinical.patient.LabHistory(
                                labs(START.minusDays(7), "base", 240).results()),
                        List.of(srs().study()));
        var verdict = Eligibility.withDefaults().assess(candidate, START.minusDays(5));
        return new EligibilityAssessment(ClinicalKinds.key(PID, "elig-1"), PID, verdict, "tumour board 2025-02-26", 2);
    }

    static RadiotherapyRecord radiotherapy() {
        return new RadiotherapyRecord(
                ClinicalKinds.key(PID, "ebrt-1"),
                PID,
                new PalliativeRadiotherapy(START.minusDays(30), rib(), AbsorbedDose.ofGy(8), 1, null));
    }

    static CourseRecord course() {
        return new CourseRecord(
                ClinicalKinds.key(PID, "prrt-1"),
                PID,
                PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, START.atTime(9, 30), PlanRules.DEFAULTS));
    }

    /** A virtual cycle 0 before the course: kidneys and one lesion from the PET. */
    static CycleZeroRecord cycleZero() {
        String course = ClinicalKinds.key(PID, "prrt-1");
        return new CycleZeroRecord(
                CycleZeroRecord.idOf(course),
                PID,
                course,
                START.minusWeeks(5),
                List.of(
                        new CycleZeroRecord.Predicted("kidney", "kidneys", 10.4, 0.51, 0.33, 0.79),
                        new CycleZeroRecord.Predicted("tumour", "L1", 24.0, 5.5, 2.4, 12.6)),
                0,
                7.4,
                "the standard 7.4 GBq stays within it");
    }

    static RoomBooking room() {
        return new RoomBooking("iso-2", PID, START, START.plusDays(4));
    }

    static DosimetryRecord dosimetry(int cycle) {
        var d = new CycleDosimetry(
                cycle,
                START.plusWeeks(8L * (cycle - 1)),
                Activity.ofGBq(7.4),
                AbsorbedDose.ofGy(3.3),
                Duration.ofHours(42),
                cycle == 1 ? Optional.of(AbsorbedDose.ofGy(3.6)) : Optional.empty(),
                AbsorbedDose.ofGy(0.12));
        return new DosimetryRecord(
                ClinicalKinds.key(PID, "prrt-1", "cycle-" + cycle),
                PID,
                ClinicalKinds.key(PID, "prrt-1"),
                d,
                List.of(new TumourDose(
                        "liver-s7",
                        AbsorbedDose.ofGy(31.5),
                        AbsorbedDose.ofGy(4.2),
                        org.netra.physics.quantity.Volume.ofMl(22.4))),
                "SPECT/CT 24/96/168 h, mono-exponential tail");
    }

    /** Cycle {@code cycle}'s kidney and lesion curves, DVHs and doses. */
    static CycleCurves curves(int cycle) {
        var d = dosimetry(cycle);
        return new CycleCurves(
                d.id(),
                PID,
                List.of(
                        new RegionCurves(
                                "kidneys",
                                "mono-exponential",
                                "too few points to compare models",
                                RegionCurves.points(new double[] {24, 96, 168}, new double[] {110, 40, 14}),
                                RegionCurves.points(
                                        new double[] {0, 24, 96, 168, 400}, new double[] {160, 110, 40, 14, 0.9}),
                                RegionCurves.dvhPoints(new double[] {0, 3.3, 6}, new double[] {1, 0.5, 0}),
                                Optional.of(AbsorbedDose.ofGy(3.3)),
                                Optional.of(AbsorbedDose.ofGy(0.5)),
                                Optional.of(Volume.ofMl(310))),
                        new RegionCurves(
                                "liver-s7",
                                "uptake bi-exponential",
                                "lowest AICc",
                                RegionCurves.points(new double[] {24, 96, 168}, new double[] {9, 7.1, 4}),
                                List.of())));
    }

    static DecisionRecord decision() {
        List<CycleDosimetry> given = new ArrayList<>();
        for (int c = 1; c <= 2; c++) {
            given.add(dosimetry(c).dosimetry());
        }
        var advice = Continuation.withDefaults().advise(given);
        DoseDecision tox = new DoseDecision.Proceed(Activity.ofGBq(7.4), List.of("no dose-limiting toxicity"));
        var decision = CycleDecision.decide(3, advice, tox, ContinuationConfig.DEFAULTS);
        return new DecisionRecord(
                ClinicalKinds.key(PID, "prrt-1", "decision-3"),
                PID,
                ClinicalKinds.key(PID, "prrt-1"),
                START.plusWeeks(15),
                advice,
                tox,
                decision);
    }

    static SafetyRecord safety() {
        var rp = RadiationProtection.defaults();
        LocalDateTime given = START.atTime(9, 30);
        LocalDateTime measured = given.plusHours(25);
        DoseRate rate = DoseRate.ofMicroSvPerHour(18);
        Duration teff = Duration.ofHours(50);
        return new SafetyRecord(
                ClinicalKinds.key(PID, "prrt-1", "safety-1"),
                PID,
                ClinicalKinds.key(PID, "prrt-1"),
                1,
                given,
                measured,
                rate,
                teff,
                rp.releaseCheck(given, measured, rate, teff),
                rp.restrictions(rate, teff, ContactScenario.defaults()));
    }

    static ToxicityRecord toxicity() {
        var labs =
                new org.netra.clinical.patient.LabHistory(List.of(
                                labs(START.minusDays(7), "base", 240).results(),
                                labs(START.plusWeeks(5), "nadir", 68).results())
                        .stream()
                        .flatMap(List::stream)
                        .toList());
        var terms = new ToxicityAssessment(Ctcae.withDefaults())
                .assess(patient().patient(), labs, START, START, START.plusWeeks(8));
        return new ToxicityRecord(ClinicalKinds.key(PID, "ctcae-1"), PID, START, START, START.plusWeeks(8), terms);
    }

    static ResponseRecord response() {
        var recist = Recist.v11();
        var baseline = recist.select(
                START.minusDays(18),
                List.of(
                        new BaselineLesion("liver-s7", "liver", false, Length.ofMm(42)),
                        new BaselineLesion("node-mes", "lymph node", true, Length.ofMm(12))));
        var followUps = List.of(
                new FollowUpAssessment(
                        START.plusWeeks(12),
                        Map.of("liver-s7", new Measurement.Measured(Length.ofMm(28))),
                        NonTargetStatus.NON_CR_NON_PD,
                        false),
                new FollowUpAssessment(
                        START.plusWeeks(24),
                        Map.of("liver-s7", new Measurement.TooSmallToMeasure()),
                        NonTargetStatus.NOT_EVALUATED,
                        false),
                new FollowUpAssessment(
                        START.plusWeeks(36),
                        Map.of("liver-s7", new Measurement.Disappeared()),
                        NonTargetStatus.COMPLETE_RESPONSE,
                        false),
                new FollowUpAssessment(
                        START.plusWeeks(48),
                        Map.of("liver-s7", new Measurement.NotEvaluated()),
                        NonTargetStatus.NOT_EVALUATED,
                        false));
        var tps = recist.evaluate(baseline, followUps);
        return new ResponseRecord(
                ClinicalKinds.key(PID, "recist-1"), PID, baseline, followUps, tps, recist.best(baseline, tps));
    }

    static OutcomeRecord outcome() {
        return new OutcomeRecord(
                PID, PID, START, Optional.of(START.plus(Period.ofMonths(27))), Optional.empty(), START.plusMonths(31));
    }

    static DispensingRecord dispensing() {
        String course = ClinicalKinds.key(PID, "prrt-1");
        return new DispensingRecord(
                DispensingRecord.idOf(course, 1),
                PID,
                course,
                1,
                new org.netra.clinical.therapy.Dispensing(
                        "LU-2503-117",
                        org.netra.physics.quantity.Activity.ofGBq(7.52),
                        START.atTime(8, 0),
                        org.netra.physics.quantity.Activity.ofMBq(61),
                        START.atTime(10, 5)));
    }

    static AdministrationRecord administration() {
        String course = ClinicalKinds.key(PID, "prrt-1");
        return new AdministrationRecord(
                AdministrationRecord.idOf(course, 1),
                PID,
                course,
                1,
                START.atTime(9, 30),
                Optional.of(START.atTime(9, 0)),
                Optional.empty(),
                List.of(
                        new org.netra.clinical.safety.DoseRateReading(
                                START.atTime(10, 0), org.netra.clinical.safety.DoseRate.ofMicroSvPerHour(21)),
                        new org.netra.clinical.safety.DoseRateReading(
                                START.plusDays(1).atTime(10, 0),
                                org.netra.clinical.safety.DoseRate.ofMicroSvPerHour(8.4))));
    }

    static ToxicityEventRecord toxicityEvent() {
        return new ToxicityEventRecord(
                ClinicalKinds.key(PID, "ae-1"),
                PID,
                new org.netra.clinical.followup.AdverseEvent(
                        org.netra.clinical.followup.AdverseEventTerm.NAUSEA,
                        1,
                        START.plusDays(1),
                        Optional.of(START.plusDays(3))));
    }
}
