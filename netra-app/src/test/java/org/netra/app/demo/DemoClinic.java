package org.netra.app.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
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
import org.netra.clinical.patient.LabHistory;
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
import org.netra.clinical.therapy.TumourDose;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DecisionRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.EligibilityAssessment;
import org.netra.store.clinical.LabPanel;
import org.netra.store.clinical.OutcomeRecord;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.clinical.ResponseRecord;
import org.netra.store.clinical.SafetyRecord;
import org.netra.store.clinical.StudyRecord;
import org.netra.store.clinical.ToxicityRecord;

/**
 * A department's worth of invented PRRT patients made through the clinical domain code, as the clinic
 * would record them: screening patients (imaging, labs, eligibility), patients on treatment (a course,
 * room stays, per-cycle dosimetry, decisions, safety) and patients in follow-up (toxicity, RECIST,
 * outcome). Deterministic for a seed, and every stage present in every run, which the page tests
 * rely on (the demo itself loads netra-sim's cohort: {@code SyntheticDemoCohort}).
 */
public final class DemoClinic implements DemoCohort {
    private static final String[] FIRST = {
        "Alma", "Bruno", "Chen", "Dalia", "Emil", "Farah", "Gustav", "Hana", "Ivo", "Jana", "Karl", "Lena", "Milo",
        "Nora", "Oskar", "Petra", "Quentin", "Rosa", "Stig", "Tove"
    };
    private static final String[] LAST = {
        "Example", "Sample", "Placeholder", "Testwell", "Demo", "Mock", "Fictive", "Proxy", "Pseudo", "Stand-in"
    };
    private static final TumourSite[] SITES = {
        TumourSite.SMALL_INTESTINE, TumourSite.PANCREAS, TumourSite.SMALL_INTESTINE, TumourSite.LUNG
    };

    private final long seed;
    private final int patients;
    private final LocalDate today;
    /** The isolation rooms, booked as the patients are made. */
    private org.netra.clinical.therapy.RoomCalendar rooms;

    /** {@code patients} patients, dated relative to {@code today}. */
    public DemoClinic(long seed, int patients, LocalDate today) {
        if (patients < 1 || patients > 500) {
            throw new IllegalArgumentException("the demo clinic has 1–500 patients, got " + patients);
        }
        this.seed = seed;
        this.patients = patients;
        this.today = today;
    }

    @Override
    public String load(Store store, String actor) {
        int[] counts = new int[3];
        rooms = org.netra.clinical.therapy.RoomCalendar.of(List.of("iso-1", "iso-2", "iso-3"));
        for (int i = 1; i <= patients; i++) {
            int stage = (i - 1) % 3;
            counts[stage]++;
            new PatientBuilder(store, actor, new Random(seed * 7919 + i), i, stage).build();
        }
        return patients + " demo patients (" + counts[0] + " screening, " + counts[1] + " on treatment, " + counts[2]
                + " in follow-up), invented through the clinical rules";
    }

    /** The id of demo patient {@code i}. */
    public static String patientId(int i) {
        return String.format(java.util.Locale.ROOT, "NET-%04d", i);
    }

    private final class PatientBuilder {
        private final Store store;
        private final String actor;
        private final Random rnd;
        private final String pid;
        private final int stage;
        private final int index;
        private final LocalDate start;
        private final List<LabResult> labs = new ArrayList<>();

        PatientBuilder(Store store, String actor, Random rnd, int index, int stage) {
            this.store = store;
            this.actor = actor;
            this.rnd = rnd;
            this.index = index;
            this.pid = patientId(index);
            this.stage = stage;
            // screening patients start next month; treated ones 2–4 months ago; followed-up ones 1–3 years ago
            this.start = switch (stage) {
                case 0 -> today.plusDays(20 + rnd.nextInt(30));
                case 1 -> today.minusWeeks(9 + rnd.nextInt(8));
                default -> today.minusDays(400 + rnd.nextInt(700));
            };
        }

        private <T> void save(org.netra.store.record.RecordKind<T> kind, T value) {
            store.records().create(kind, value, actor);
        }

        void build() {
            Sex sex = rnd.nextBoolean() ? Sex.FEMALE : Sex.MALE;
            var patient = new Patient(
                    pid,
                    sex,
                    start.minusYears(45 + rnd.nextInt(30)).minusDays(rnd.nextInt(365)),
                    List.of(new Dated<>(start.minusDays(14), Mass.ofKg(55 + rnd.nextInt(40)))),
                    List.of(new Dated<>(
                            start.minusYears(1),
                            Length.ofCm(sex == Sex.FEMALE ? 160 + rnd.nextInt(15) : 170 + rnd.nextInt(20)))));
            var record = new PatientRecord(
                    patient,
                    LAST[rnd.nextInt(LAST.length)] + ", " + FIRST[(index - 1) % FIRST.length],
                    new PrimaryTumour(
                            SITES[rnd.nextInt(SITES.length)],
                            rnd.nextInt(3) == 0 ? Grade.G1 : Grade.G2,
                            Optional.of(new Ki67(2 + rnd.nextInt(15), start.minusMonths(10)))),
                    List.of(new PriorTreatment(
                            TreatmentKind.SOMATOSTATIN_ANALOGUE,
                            start.minusMonths(14),
                            Optional.empty(),
                            "octreotide LAR 30 mg")),
                    List.of(new Dated<>(start.minusDays(12), new PerformanceStatus.Ecog(rnd.nextInt(2)))),
                    Optional.empty(),
                    false);
            save(ClinicalKinds.PATIENT, record);

            var srs = new ImagingStudy(
                    "srs-1",
                    ImagingProtocol.SomatostatinReceptorScintigraphy.standard(),
                    start.minusDays(21).atTime(9, 0),
                    List.of(new Lesion(
                            "liver-1",
                            "liver segment " + (5 + rnd.nextInt(4)),
                            false,
                            Optional.of(
                                    rnd.nextInt(4) == 0
                                            ? KrenningScore.ABOVE_LIVER
                                            : KrenningScore.ABOVE_SPLEEN_KIDNEYS),
                            null,
                            null)),
                    List.of());
            save(ClinicalKinds.STUDY, new StudyRecord(ClinicalKinds.key(pid, "srs-1"), pid, srs));

            panel("base", start.minusDays(8), 230 + rnd.nextInt(80), 0.8 + rnd.nextDouble() * 0.3);
            var verdict = Eligibility.withDefaults()
                    .assess(record.candidate(new LabHistory(labs), List.of(srs)), start.minusDays(6));
            save(
                    ClinicalKinds.ELIGIBILITY,
                    new EligibilityAssessment(ClinicalKinds.key(pid, "elig-1"), pid, verdict, "tumour board"));
            if (stage == 0) {
                return;
            }
            treat(record);
        }

        private void panel(String suffix, LocalDate day, double platelets, double creatinine) {
            List<LabResult> results = List.of(
                    LabResult.of(Analyte.HAEMOGLOBIN, 11.5 + rnd.nextDouble() * 2.5, LabUnit.G_PER_DL, day),
                    LabResult.of(Analyte.PLATELETS, platelets, LabUnit.PER_NL, day),
                    LabResult.of(Analyte.WHITE_BLOOD_CELLS, 4 + rnd.nextDouble() * 3, LabUnit.PER_NL, day),
                    LabResult.of(Analyte.NEUTROPHILS, 2.2 + rnd.nextDouble() * 2, LabUnit.PER_NL, day),
                    LabResult.of(Analyte.LYMPHOCYTES, 0.7 + rnd.nextDouble() * 1.0, LabUnit.PER_NL, day),
                    LabResult.of(Analyte.CREATININE, creatinine, LabUnit.MG_PER_DL_CREATININE, day));
            labs.addAll(results);
            save(ClinicalKinds.LAB_PANEL, new LabPanel(ClinicalKinds.key(pid, "lab-" + suffix), pid, results));
        }

        private void treat(PatientRecord record) {
            String courseId = ClinicalKinds.key(pid, "prrt-1");
            var plan = PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, start.atTime(9, 30), PlanRules.DEFAULTS);
            save(ClinicalKinds.COURSE, new CourseRecord(courseId, pid, plan));
            // on treatment: the cycles whose date has passed; follow-up: all four
            int given = stage == 1
                    ? (int) plan.cycles().stream()
                            .filter(c -> !c.administration().toLocalDate().isAfter(today))
                            .count()
                    : plan.cycles().size();
            double kidneyPerGBq = 0.35 + rnd.nextDouble() * 0.4;
            double teff = 36 + rnd.nextInt(24);
            double tumourPerGBq = 2 + rnd.nextDouble() * 5;
            List<CycleDosimetry> doses = new ArrayList<>();
            double platelets = 200 + rnd.nextInt(60);
            for (var cycle : plan.cycles()) {
                LocalDateTime at = cycle.administration();
                int n = cycle.number();
                if (n > given) {
                    if (n == given + 1) {
                        book(at.toLocalDate());
                    }
                    break;
                }
                book(at.toLocalDate());
                Activity a = cycle.activity();
                double k = kidneyPerGBq * a.inGBq() * (0.9 + 0.2 * rnd.nextDouble());
                var d = new CycleDosimetry(
                        n,
                        at.toLocalDate(),
                        a,
                        AbsorbedDose.ofGy(k),
                        Duration.ofMinutes(Math.round((teff + rnd.nextGaussian() * 3) * 60)),
                        Optional.empty(),
                        AbsorbedDose.ofGy(0.02 * a.inGBq() * (0.8 + 0.4 * rnd.nextDouble())));
                doses.add(d);
                double tumour = tumourPerGBq * a.inGBq() * Math.pow(0.85, n - 1);
                save(
                        ClinicalKinds.DOSIMETRY,
                        new DosimetryRecord(
                                ClinicalKinds.key(pid, "prrt-1", "cycle-" + n),
                                pid,
                                courseId,
                                d,
                                List.of(new TumourDose(
                                        "liver-1",
                                        AbsorbedDose.ofGy(tumour),
                                        AbsorbedDose.ofGy(tumour * (0.12 + 0.06 * rnd.nextDouble())),
                                        org.netra.physics.quantity.Volume.ofMl(8 + rnd.nextInt(40)))),
                                "quantitative SPECT/CT at 24, 96 and 168 h; mono-exponential fit of the last two"
                                        + " points, trapezoid before; OpenDose S-values scaled to kidney mass"));
                safety(courseId, n, at);
                platelets = platelets * (0.8 + 0.15 * rnd.nextDouble());
                panel("c" + n, at.toLocalDate().plusWeeks(4), platelets, 0.8 + rnd.nextDouble() * 0.4);
                if (n < given) { // the decision on the coming cycle is left to the physician
                    var advice = Continuation.withDefaults().advise(doses);
                    DoseDecision tox = new DoseDecision.Proceed(
                            plan.cycles().get(n).activity(), List.of("no dose-limiting toxicity since cycle " + n));
                    var decision = CycleDecision.decide(n + 1, advice, tox, ContinuationConfig.DEFAULTS);
                    save(
                            ClinicalKinds.DECISION,
                            new DecisionRecord(
                                    ClinicalKinds.key(pid, "prrt-1", "decision-" + (n + 1)),
                                    pid,
                                    courseId,
                                    at.toLocalDate().plusWeeks(6),
                                    advice,
                                    tox,
                                    decision));
                }
            }
            if (stage == 2) {
                followUp(record, plan.cycles().getLast().administration().toLocalDate());
            }
        }

        /** The shortest stay the rules allow, from {@code day}, in the first room free within four weeks. */
        private void book(LocalDate day) {
            if (rooms.request(pid, day, rooms.minStayDays(), 28)
                    instanceof org.netra.clinical.therapy.Allocation.Allocated a) {
                rooms = rooms.book(a.booking());
                save(ClinicalKinds.ROOM_BOOKING, a.booking());
            }
        }

        private void safety(String courseId, int cycle, LocalDateTime given) {
            var rp = RadiationProtection.defaults();
            LocalDateTime measured = given.plusHours(24);
            DoseRate rate = DoseRate.ofMicroSvPerHour(12 + rnd.nextInt(14));
            Duration teff = Duration.ofHours(45 + rnd.nextInt(20));
            save(
                    ClinicalKinds.SAFETY,
                    new SafetyRecord(
                            ClinicalKinds.key(pid, "prrt-1", "safety-" + cycle),
                            pid,
                            courseId,
                            cycle,
                            given,
                            measured,
                            rate,
                            teff,
                            rp.releaseCheck(given, measured, rate, teff),
                            rp.restrictions(rate, teff, ContactScenario.defaults())));
        }

        private void followUp(PatientRecord record, LocalDate lastCycle) {
            var terms = new ToxicityAssessment(Ctcae.withDefaults())
                    .assess(record.patient(), new LabHistory(labs), start, start, lastCycle.plusWeeks(8));
            save(
                    ClinicalKinds.TOXICITY,
                    new ToxicityRecord(
                            ClinicalKinds.key(pid, "ctcae-1"), pid, start, start, lastCycle.plusWeeks(8), terms));
            var recist = Recist.v11();
            double size = 25 + rnd.nextInt(30);
            var baseline = recist.select(
                    start.minusDays(18), List.of(new BaselineLesion("liver-1", "liver", false, Length.ofMm(size))));
            List<FollowUpAssessment> visits = new ArrayList<>();
            double shrink = 0.55 + rnd.nextDouble() * 0.6; // < 0.7 is a partial response, > 1.2 progression
            int months = 0;
            LocalDate last = start;
            for (int v = 1; v <= 4; v++) {
                months += 3 + (v > 2 ? 3 : 0);
                LocalDate date = start.plusMonths(months);
                if (date.isAfter(today)) {
                    break;
                }
                double mm = size * (1 - (1 - shrink) * Math.min(1, v / 2.0));
                visits.add(new FollowUpAssessment(
                        date,
                        Map.of("liver-1", new Measurement.Measured(Length.ofMm(Math.max(5, mm)))),
                        NonTargetStatus.NOT_EVALUATED,
                        false));
                last = date;
            }
            var points = recist.evaluate(baseline, visits);
            save(
                    ClinicalKinds.RESPONSE,
                    new ResponseRecord(
                            ClinicalKinds.key(pid, "recist-1"),
                            pid,
                            baseline,
                            visits,
                            points,
                            recist.best(baseline, points)));
            boolean progressed = shrink > 1.0 || rnd.nextInt(3) == 0;
            Optional<LocalDate> progression = progressed
                    ? Optional.of(start.plusDays(200 + rnd.nextInt(400))).filter(d -> d.isBefore(today))
                    : Optional.empty();
            Optional<LocalDate> death = rnd.nextInt(6) == 0
                    ? progression.map(p -> p.plusDays(90 + rnd.nextInt(200))).filter(d -> d.isBefore(today))
                    : Optional.empty();
            LocalDate lastSeen = death.orElse(last.isAfter(today) ? today : (last.isBefore(start) ? start : last));
            if (progression.isPresent() && progression.get().isAfter(lastSeen)) {
                lastSeen = progression.get();
            }
            save(ClinicalKinds.OUTCOME, new OutcomeRecord(pid, pid, start, progression, death, lastSeen));
        }
    }
}
