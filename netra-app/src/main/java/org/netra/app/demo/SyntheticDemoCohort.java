package org.netra.app.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.netra.clinical.followup.Recist;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.safety.ContactScenario;
import org.netra.clinical.safety.DoseRate;
import org.netra.clinical.safety.RadiationProtection;
import org.netra.clinical.therapy.Allocation;
import org.netra.clinical.therapy.Continuation;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.DoseDecision;
import org.netra.clinical.therapy.RoomCalendar;
import org.netra.sim.cohort.SyntheticCohort;
import org.netra.sim.cohort.SyntheticPatient;
import org.netra.sim.cohort.TreatmentCourse;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.CycleCurves;
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
import org.netra.store.record.RecordKind;

/**
 * netra-sim's synthetic cohort in the store as the department would have recorded it by the clinic date
 * {@code asOf}: patients referred by then, their imaging, labs and eligibility, the cycles given by then
 * with their dosimetry, decisions, room stays and safety records, and for courses already finished the
 * toxicity, RECIST follow-up and outcome. A course still running at {@code asOf} leaves its next cycle
 * to be planned in the app.
 */
public final class SyntheticDemoCohort implements DemoCohort {
    /** Dose rate at 1 m at discharge (≈ 5 h) after 7.4 GBq 177Lu (DOMAIN.md §4), scaled with the activity. */
    static final double DISCHARGE_MICRO_SV_PER_H_PER_7_4_GBQ = 9;

    static final Duration DISCHARGE_AFTER = Duration.ofHours(5);
    private static final String[] FIRST = {
        "Alma", "Bruno", "Chen", "Dalia", "Emil", "Farah", "Gustav", "Hana", "Ivo", "Jana", "Karl", "Lena", "Milo",
        "Nora", "Oskar", "Petra", "Quentin", "Rosa", "Stig", "Tove", "Ugo", "Vera", "Wim", "Xenia", "Yusuf", "Zora"
    };
    private static final String[] LAST = {
        "Example", "Sample", "Placeholder", "Testwell", "Demo", "Mock", "Fictive", "Proxy", "Pseudo", "Stand-in"
    };

    private final long seed;
    private final int patients;
    private final LocalDate asOf;

    public SyntheticDemoCohort(long seed, int patients, LocalDate asOf) {
        this.seed = seed;
        this.patients = patients;
        this.asOf = asOf;
    }

    public LocalDate asOf() {
        return asOf;
    }

    @Override
    public String load(Store store, String actor) {
        var cohort = SyntheticCohort.generate(seed, patients);
        var loader = new Loader(store, actor);
        int loaded = 0;
        for (int i = 0; i < cohort.size(); i++) {
            if (loader.patient(cohort.get(i), i)) {
                loaded++;
            }
        }
        return String.format(
                Locale.ROOT,
                "%d synthetic patients (netra-sim, seed %d) as the clinic knew them on %s; %d referred later",
                loaded,
                seed,
                asOf,
                cohort.size() - loaded);
    }

    private final class Loader {
        private final Store store;
        private final String actor;
        private RoomCalendar rooms = RoomCalendar.of(List.of("iso-1", "iso-2", "iso-3"));

        Loader(Store store, String actor) {
            this.store = store;
            this.actor = actor;
        }

        private <T> void save(RecordKind<T> kind, T value) {
            store.records().create(kind, value, actor);
        }

        boolean patient(SyntheticPatient s, int index) {
            if (s.screening().isAfter(asOf)) {
                return false;
            }
            var c = s.candidate();
            String pid = s.id();
            String name = LAST[(index / FIRST.length + index) % LAST.length] + ", " + FIRST[index % FIRST.length];
            save(
                    ClinicalKinds.PATIENT,
                    new PatientRecord(
                            c.patient(),
                            name,
                            c.tumour(),
                            c.priorTreatments(),
                            c.performance(),
                            c.pregnant(),
                            c.breastfeeding()));
            for (var study : c.imaging()) {
                if (!study.injection().toLocalDate().isAfter(asOf)) {
                    save(
                            ClinicalKinds.STUDY,
                            new StudyRecord(
                                    ClinicalKinds.key(pid, study.id()),
                                    pid,
                                    // the lung tumour its twin has (DemoLungTwins), for the two patients with lungs
                                    DemoLungTwins.withLungLesion(pid, study)));
                }
            }
            Map<LocalDate, List<LabResult>> panels = new TreeMap<>();
            for (LabResult r : c.labs().results()) {
                if (!r.date().isAfter(asOf)) {
                    panels.computeIfAbsent(r.date(), d -> new ArrayList<>()).add(r);
                }
            }
            panels.forEach((day, results) ->
                    save(ClinicalKinds.LAB_PANEL, new LabPanel(ClinicalKinds.key(pid, "lab-" + day), pid, results)));
            save(
                    ClinicalKinds.ELIGIBILITY,
                    new EligibilityAssessment(
                            ClinicalKinds.key(pid, "elig-1"), pid, s.eligibility(), "screening " + s.screening()));
            s.course().ifPresent(course -> course(pid, c.patient().sex(), course));
            return true;
        }

        private void course(String pid, Sex sex, TreatmentCourse t) {
            String courseId = ClinicalKinds.key(pid, "prrt-1");
            save(ClinicalKinds.COURSE, new CourseRecord(courseId, pid, t.plan()));
            List<CycleDosimetry> given = new ArrayList<>();
            for (CycleDosimetry d : t.dosimetry()) {
                if (d.date().isAfter(asOf)) {
                    // the next cycle is still to be planned: hold its room if it is near
                    if (given.size() == t.dosimetry().indexOf(d) && !d.date().isAfter(asOf.plusWeeks(8))) {
                        book(pid, d.date());
                    }
                    break;
                }
                if (!given.isEmpty()) {
                    decision(pid, courseId, given, d.cycle(), d.date().minusWeeks(2), Optional.empty());
                }
                given.add(d);
                book(pid, d.date());
                save(
                        ClinicalKinds.DOSIMETRY,
                        new DosimetryRecord(
                                ClinicalKinds.key(pid, "prrt-1", "cycle-" + d.cycle()),
                                pid,
                                courseId,
                                d,
                                List.of(),
                                "as recorded in netra-sim's cohort: kidney dose and effective half-life, blood-based"
                                        + " marrow dose (the demo's twin SPECT job replaces this with the measured"
                                        + " cycle)"));
                save(
                        ClinicalKinds.CYCLE_CURVES,
                        new CycleCurves(
                                ClinicalKinds.key(pid, "prrt-1", "cycle-" + d.cycle()),
                                pid,
                                List.of(TwinKidneyCurve.of(d, sex))));
                dispensing(
                        pid,
                        courseId,
                        d,
                        t.plan().radiopharmaceutical().nuclide().halfLife());
                safety(pid, courseId, d);
            }
            boolean finished = given.size() == t.dosimetry().size();
            if (!finished) {
                return;
            }
            LocalDate last = given.isEmpty() ? t.start() : given.getLast().date();
            decision(pid, courseId, given, given.size() + 1, last.plusWeeks(6), Optional.of(t.stopReason()));
            if (!t.toxicity().isEmpty()) {
                save(
                        ClinicalKinds.TOXICITY,
                        new ToxicityRecord(
                                ClinicalKinds.key(pid, "ctcae-1"),
                                pid,
                                t.start(),
                                t.start(),
                                min(last.plusWeeks(12), asOf),
                                t.toxicity()));
            }
            var visits =
                    t.followUps().stream().filter(f -> !f.date().isAfter(asOf)).toList();
            if (!visits.isEmpty()) {
                var recist = Recist.v11();
                var points = recist.evaluate(t.baseline(), visits);
                save(
                        ClinicalKinds.RESPONSE,
                        new ResponseRecord(
                                ClinicalKinds.key(pid, "recist-1"),
                                pid,
                                t.baseline(),
                                visits,
                                points,
                                recist.best(t.baseline(), points)));
            }
            Optional<LocalDate> progression = t.progression().filter(d -> !d.isAfter(asOf));
            Optional<LocalDate> death = t.death().filter(d -> !d.isAfter(asOf));
            LocalDate seen = min(t.lastFollowUp(), asOf);
            if (seen.isBefore(t.start())) {
                return;
            }
            save(ClinicalKinds.OUTCOME, new OutcomeRecord(pid, pid, t.start(), progression, death, seen));
        }

        /** The decision before cycle {@code cycle}: the budget's advice, or the course's end with its reason. */
        private void decision(
                String pid,
                String courseId,
                List<CycleDosimetry> given,
                int cycle,
                LocalDate on,
                Optional<String> stopReason) {
            var advice = Continuation.withDefaults().advise(List.copyOf(given));
            var standard = ContinuationConfig.DEFAULTS.standardActivity();
            DoseDecision tox = new DoseDecision.Proceed(standard, List.of("as recorded by the synthetic course"));
            CycleDecision decision = stopReason.isPresent()
                    ? new CycleDecision.Stop(cycle, List.of(stopReason.get()))
                    : CycleDecision.decide(cycle, advice, tox, ContinuationConfig.DEFAULTS);
            save(
                    ClinicalKinds.DECISION,
                    new DecisionRecord(
                            ClinicalKinds.key(pid, "prrt-1", "decision-" + cycle),
                            pid,
                            courseId,
                            on,
                            advice,
                            tox,
                            decision));
        }

        private void book(String pid, LocalDate day) {
            if (rooms.request(pid, day, rooms.minStayDays(), 28) instanceof Allocation.Allocated a) {
                rooms = rooms.book(a.booking());
                save(ClinicalKinds.ROOM_BOOKING, a.booking());
            }
        }

        /**
         * The radiopharmacist's record of a given cycle, as the hot lab keeps it: the syringe calibrated at 08:00, the
         * residual measured 45 min after the 09:30 infusion. The calibrated activity is chosen so that, decay-corrected
         * to the infusion, syringe minus residual is the cycle's recorded activity: the cycle page's administered
         * activity, its RRDSR and the report's residual line then agree with the dosimetry's figure.
         */
        private void dispensing(String pid, String courseId, CycleDosimetry d, Duration halfLife) {
            LocalDateTime given = d.date().atTime(9, 30);
            LocalDateTime calibratedAt = d.date().atTime(8, 0);
            LocalDateTime residualAt = given.plusMinutes(45);
            double residualMBq = DEMO_RESIDUAL_MBQ;
            double hours = org.netra.physics.quantity.Times.hours(halfLife);
            double residualAtInfusionMBq = residualMBq * Math.pow(2, 0.75 / hours);
            double calibratedMBq = (d.administered().inMBq() + residualAtInfusionMBq) * Math.pow(2, 1.5 / hours);
            save(
                    ClinicalKinds.DISPENSING,
                    new org.netra.store.clinical.DispensingRecord(
                            org.netra.store.clinical.DispensingRecord.idOf(courseId, d.cycle()),
                            pid,
                            courseId,
                            d.cycle(),
                            new org.netra.clinical.therapy.Dispensing(
                                    String.format(Locale.ROOT, "DEMO-%s-%d", pid, d.cycle()),
                                    org.netra.physics.quantity.Activity.ofMBq(calibratedMBq),
                                    calibratedAt,
                                    org.netra.physics.quantity.Activity.ofMBq(residualMBq),
                                    residualAt)));
        }

        private void safety(String pid, String courseId, CycleDosimetry d) {
            var rp = RadiationProtection.defaults();
            LocalDateTime given = d.date().atTime(9, 30);
            LocalDateTime measured = given.plus(DISCHARGE_AFTER);
            DoseRate rate = DoseRate.ofMicroSvPerHour(
                    DISCHARGE_MICRO_SV_PER_H_PER_7_4_GBQ * d.administered().inGBq() / 7.4);
            // the kidneys' effective half-life stands in for the whole body's late phase
            Duration teff = d.kidneyEffectiveHalfLife();
            // the nurse's record of the infusion, as a cycle given in the department has (the chart asks for it
            // where a cycle's dosimetry came without one, from another department's FHIR summary)
            save(
                    ClinicalKinds.ADMINISTRATION,
                    new org.netra.store.clinical.AdministrationRecord(
                            org.netra.store.clinical.AdministrationRecord.idOf(courseId, d.cycle()),
                            pid,
                            courseId,
                            d.cycle(),
                            given,
                            java.util.Optional.of(given),
                            java.util.Optional.of(measured),
                            List.of()));
            save(
                    ClinicalKinds.SAFETY,
                    new SafetyRecord(
                            ClinicalKinds.key(pid, "prrt-1", "safety-" + d.cycle()),
                            pid,
                            courseId,
                            d.cycle(),
                            given,
                            measured,
                            rate,
                            teff,
                            rp.releaseCheck(given, measured, rate, teff),
                            rp.restrictions(rate, teff, ContactScenario.defaults())));
        }
    }

    /** The residual left in the demo's syringes and lines after an infusion: about 1 % of 7.4 GBq (assumed). */
    private static final double DEMO_RESIDUAL_MBQ = 60;

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
