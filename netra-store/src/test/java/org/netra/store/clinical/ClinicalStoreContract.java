package org.netra.store.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.clinical.eligibility.Eligibility;
import org.netra.clinical.followup.BaselineLesion;
import org.netra.clinical.followup.CohortResponse;
import org.netra.clinical.followup.Recist;
import org.netra.clinical.followup.Response;
import org.netra.clinical.followup.SurvivalObservation;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.Length;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.TumourSite;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.DoseDecision;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.audit.AuditEvent;
import org.netra.store.record.ConcurrentEditException;
import org.netra.store.record.RecordKind;
import org.netra.store.record.RecordNotFoundException;

/** The clinical records on a real database: H2 and PostgreSQL run the same cases. */
abstract class ClinicalStoreContract extends OnFreshStore {
    /** The other database kind, for cross-vendor backup round trips. */
    abstract StoreConfig otherVendorConfig();

    /** One sample of every kind, as (kind, value) pairs. */
    static List<Sample<?>> everyKind() {
        return List.of(
                new Sample<>(ClinicalKinds.PATIENT, Samples.patient()),
                new Sample<>(ClinicalKinds.STUDY, Samples.srs()),
                new Sample<>(ClinicalKinds.STUDY, Samples.pet()),
                new Sample<>(ClinicalKinds.STUDY, Samples.bone()),
                new Sample<>(ClinicalKinds.STUDY, Samples.mibg()),
                new Sample<>(ClinicalKinds.LAB_PANEL, Samples.labs(Samples.START.minusDays(7), "base", 240)),
                new Sample<>(ClinicalKinds.ELIGIBILITY, Samples.eligibility()),
                new Sample<>(ClinicalKinds.RADIOTHERAPY, Samples.radiotherapy()),
                new Sample<>(ClinicalKinds.COURSE, Samples.course()),
                new Sample<>(ClinicalKinds.ROOM_BOOKING, Samples.room()),
                new Sample<>(ClinicalKinds.DOSIMETRY, Samples.dosimetry(2)),
                new Sample<>(ClinicalKinds.DOSIMETRY, Samples.dosimetry(1)),
                new Sample<>(ClinicalKinds.CYCLE_CURVES, Samples.curves(1)),
                new Sample<>(ClinicalKinds.DECISION, Samples.decision()),
                new Sample<>(ClinicalKinds.SAFETY, Samples.safety()),
                new Sample<>(ClinicalKinds.TOXICITY, Samples.toxicity()),
                new Sample<>(ClinicalKinds.RESPONSE, Samples.response()),
                new Sample<>(ClinicalKinds.OUTCOME, Samples.outcome()),
                new Sample<>(ClinicalKinds.DISPENSING, Samples.dispensing()),
                new Sample<>(ClinicalKinds.ADMINISTRATION, Samples.administration()),
                new Sample<>(ClinicalKinds.TOXICITY_EVENT, Samples.toxicityEvent()),
                new Sample<>(ClinicalKinds.CYCLE_ZERO, Samples.cycleZero()));
    }

    record Sample<T>(RecordKind<T> kind, T value) {
        String id() {
            return kind.id().apply(value);
        }

        void create(Store store) {
            store.records().create(kind, value, "dr.berg");
        }

        Object readBack(Store store) {
            return store.records().get(kind, id()).value();
        }
    }

    @Test
    void imagesFindTheirChartByNetraIdOrByTheHospitalsMrnButNotAnotherNumber() {
        var registry = new PatientRegistry(store.records());
        var p = Samples.patient();
        var withMrn = new PatientRecord(
                p.patient(),
                p.name(),
                p.tumour(),
                p.priorTreatments(),
                p.performance(),
                p.pregnant(),
                p.breastfeeding(),
                java.util.List.of(new org.netra.clinical.patient.Identifier("MRN", "HOSP-1001")));
        store.records().create(ClinicalKinds.PATIENT, withMrn, "dr.berg");
        assertThat(registry.chartOf(p.id())).contains(p.id());
        assertThat(registry.chartOf("hosp 1001")).contains(p.id());
        assertThat(registry.chartOf("HOSP-1002")).isEmpty();
        assertThat(registry.chartOf(" ")).isEmpty();
    }

    @Test
    void everyKindReadsBackEqualToWhatWasStored() {
        var samples = everyKind();
        assertThat(samples.stream().map(s -> s.kind().name()).collect(Collectors.toSet()))
                .as("the samples cover every clinical kind")
                .isEqualTo(ClinicalKinds.ALL.stream().map(RecordKind::name).collect(Collectors.toSet()));
        for (var s : samples) {
            s.create(store);
        }
        for (var s : samples) {
            assertThat(s.readBack(store)).as(s.kind().name() + " " + s.id()).isEqualTo(s.value());
        }
        assertThat(store.audit().since(0)).hasSize(samples.size()).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditEvent.Action.CREATE);
            assertThat(e.actor()).isEqualTo("dr.berg");
            assertThat(e.before()).isNull();
        });
    }

    @Test
    void theRegistryGivesTheNextFreeIdAndRefusesASecondRecordOfOnePerson() {
        var registry = new PatientRegistry(store.records());
        assertThat(registry.nextId()).isEqualTo("P-0001");
        var first = registry.register(id -> withId(Samples.patient(), id, "Ingrid Example", "HOSP-1"), "dr.berg");
        assertThat(first.value().id()).isEqualTo("P-0001");
        assertThat(first.value().mrn().orElseThrow().value()).isEqualTo("HOSP-1");
        assertThat(registry.nextId()).isEqualTo("P-0002");
        assertThatThrownBy(() -> registry.register(id -> withId(Samples.patient(), id, "Someone Else", "hosp 1"), "x"))
                .isInstanceOf(PatientRegistry.DuplicatePatientException.class)
                .hasMessageContaining("Ingrid Example (P-0001)")
                .hasMessageContaining("MRN");
        assertThatThrownBy(() -> registry.register(id -> withId(Samples.patient(), id, "ingrid  EXAMPLE", "H-2"), "x"))
                .isInstanceOf(PatientRegistry.DuplicatePatientException.class)
                .hasMessageContaining("birth date 1961-05-17");
        var second = registry.register(id -> withId(Samples.patient(), id, "Ingrid Other", "H-3"), "dr.berg");
        assertThat(second.value().id()).isEqualTo("P-0002");
        // an edit that would make P-0002 the same person as P-0001 is refused too; its own record is not a duplicate
        assertThatThrownBy(() -> registry.update(1, withId(Samples.patient(), "P-0002", "Ingrid Other", "HOSP-1"), "x"))
                .isInstanceOf(PatientRegistry.DuplicatePatientException.class);
        assertThat(registry.update(1, withId(Samples.patient(), "P-0002", "Ingrid Other", "H-3b"), "dr.berg")
                        .version())
                .isEqualTo(2);
        assertThat(store.audit().since(0)).hasSize(3);
    }

    private static PatientRecord withId(PatientRecord r, String id, String name, String mrn) {
        var p = r.patient();
        return r.with(
                new org.netra.clinical.patient.Patient(id, p.sex(), p.birthDate(), p.weights(), p.heights()),
                name,
                r.tumour(),
                List.of(new org.netra.clinical.patient.Identifier(org.netra.clinical.patient.Identifier.MRN, mrn)));
    }

    @Test
    void theDepartmentsEligibilityLimitsAreVersionedAuditedAndNamedByEachVerdict() {
        everyKind().forEach(s -> s.create(store));
        var limits = new EligibilityLimits(store.records());
        assertThat(limits.current().version()).isZero();
        assertThat(limits.current().value().config())
                .isEqualTo(org.netra.clinical.eligibility.EligibilityConfig.DEFAULTS);
        var strict = new org.netra.clinical.eligibility.DepartmentLimits(15, 250, 9, Optional.of(1.5), 50, 3, 21, 1);
        var saved = limits.save(0, strict, "admin");
        assertThat(saved.version()).isEqualTo(1);
        assertThat(store.records()
                        .get(ClinicalKinds.ELIGIBILITY_SETTINGS, EligibilitySettings.ID)
                        .value())
                .isEqualTo(saved.value());
        assertThat(org.netra.clinical.eligibility.DepartmentLimits.of(
                        limits.current().value().config()))
                .isEqualTo(strict);
        assertThatThrownBy(() -> limits.save(0, strict, "someone"))
                .isInstanceOf(ConcurrentEditException.class)
                .hasMessageContaining("admin");
        // the sample patient has 240 ×10⁹/L platelets: below this department's 250
        var verdict = limits.assess(Samples.PID, Samples.START.minusDays(5), "dr.berg");
        assertThat(verdict.value().settingsVersion()).isEqualTo(1);
        assertThat(verdict.value().verdict()).isInstanceOf(org.netra.clinical.eligibility.Verdict.NotEligible.class);
        assertThat(store.records()
                        .get(ClinicalKinds.ELIGIBILITY, verdict.value().id())
                        .value())
                .isEqualTo(verdict.value());
        assertThat(store.audit().history(ClinicalKinds.ELIGIBILITY_SETTINGS.name(), EligibilitySettings.ID))
                .hasSize(1);
        var relaxed = new org.netra.clinical.eligibility.DepartmentLimits(20, 75, 8, Optional.empty(), 50, 3, 28, 2);
        assertThat(limits.save(1, relaxed, "admin").version()).isEqualTo(2);
        assertThat(limits.assess(Samples.PID, Samples.START.minusDays(5), "dr.berg")
                        .value()
                        .settingsVersion())
                .isEqualTo(2);
        assertThat(org.netra.store.audit.Changes.since(
                        store.audit(), ClinicalKinds.ELIGIBILITY_SETTINGS.name(), EligibilitySettings.ID, 1))
                .contains("config.minPlatelets", "config.minNeutrophils");
    }

    @Test
    void theCameraCalibrationsAreOneVersionedAuditedRecord() {
        var book = new CameraCalibrationBook(store.records());
        assertThat(book.current().version()).isZero();
        assertThat(book.current().value().calibrations()).isEmpty();
        var melp = new CameraCalibrationSettings.Entry(
                "room2-melp",
                "SIEMENS NM",
                "Encore2",
                "NM-ROOM-2",
                "MELP",
                208,
                41.6,
                "Lu-177",
                12.5,
                java.time.LocalDate.of(2026, 1, 10),
                "A. Physicist");
        assertThat(book.save(0, s -> s.with(melp), "physicist").version()).isEqualTo(1);
        assertThatThrownBy(() -> book.save(0, s -> s.with(melp), "admin"))
                .isInstanceOf(ConcurrentEditException.class)
                .hasMessageContaining("physicist");
        var remeasured = new CameraCalibrationSettings.Entry(
                "room2-melp",
                "SIEMENS NM",
                "Encore2",
                "NM-ROOM-2",
                "MELP",
                208,
                41.6,
                "Lu-177",
                12.7,
                java.time.LocalDate.of(2026, 7, 1),
                "B. Physicist");
        var saved = book.save(1, s -> s.with(remeasured).withMaxAgeMonths(6), "physicist");
        assertThat(saved.version()).isEqualTo(2);
        assertThat(book.current().value()).isEqualTo(saved.value());
        assertThat(book.current().value().calibrations()).containsExactly(remeasured);
        assertThat(book.current().value().maxAgeMonths()).isEqualTo(6);
        assertThat(store.audit().history(ClinicalKinds.CAMERA_CALIBRATIONS.name(), CameraCalibrationSettings.ID))
                .hasSize(2);
        assertThat(book.save(2, s -> s.without("room2-melp"), "physicist")
                        .value()
                        .calibrations())
                .isEmpty();
    }

    /** The cycle-0 predictors: the published defaults at version 0, each recalibration a new audited version. */
    @Test
    void cycleZeroPredictorsAreAVersionedSetting() {
        var book = new CycleZeroBook(store.records());
        assertThat(book.current().version()).isZero();
        assertThat(book.current().value().fit("kidney")).isEmpty();
        var fit = new CycleZeroSettings.Fit("kidney", 10, -0.7, 0.6, 0.05, 0.001, 0.2, 13, 0.6, 20, "20 patients");
        var first = book.save(0, new CycleZeroSettings(CycleZeroSettings.ID, List.of(fit)), "physicist");
        assertThat(first.version()).isEqualTo(1);
        assertThat(book.current().value().fit("kidney")).contains(fit);
        // a second recalibration made from the defaults' version while the first was saved is refused
        assertThatThrownBy(() -> book.save(0, CycleZeroSettings.PUBLISHED, "other"))
                .isInstanceOf(ConcurrentEditException.class);
        book.save(1, new CycleZeroSettings(CycleZeroSettings.ID, List.of(fit, fit)), "physicist");
        assertThat(store.audit().history(ClinicalKinds.CYCLE_ZERO_SETTINGS.name(), CycleZeroSettings.ID))
                .hasSize(2);
    }

    @Test
    void theChartLoadsOnePatientsWholeRecordAndNothingElse() {
        everyKind().forEach(s -> s.create(store));
        // another patient's record must not leak into the chart
        var other = Samples.patient();
        var otherPatient = new PatientRecord(
                new org.netra.clinical.patient.Patient(
                        "P-0099",
                        other.patient().sex(),
                        other.patient().birthDate(),
                        other.patient().weights(),
                        other.patient().heights()),
                "Other",
                other.tumour(),
                List.of(),
                List.of(),
                Optional.of(false),
                false);
        store.records().create(ClinicalKinds.PATIENT, otherPatient, "nurse.anna");
        store.records()
                .create(
                        ClinicalKinds.LAB_PANEL,
                        new LabPanel(
                                "P-0099/lab-1",
                                "P-0099",
                                Samples.labs(Samples.START, "x", 200).results()),
                        "nurse.anna");

        var chart = PatientChart.load(store.records(), Samples.PID);
        assertThat(chart.patient().value()).isEqualTo(Samples.patient());
        assertThat(chart.studies())
                .extracting(s -> s.value().study().id())
                .containsExactly("srs-1", "pet-1", "bone-1", "mibg-1");
        assertThat(chart.labs()).hasSize(1);
        assertThat(chart.eligibility()).hasSize(1);
        assertThat(chart.radiotherapy()).hasSize(1);
        assertThat(chart.courses()).hasSize(1);
        assertThat(chart.roomBookings()).hasSize(1);
        assertThat(chart.cycleDosimetry(Samples.course().id()))
                .extracting(CycleDosimetry::cycle)
                .containsExactly(1, 2);
        assertThat(chart.decisions()).hasSize(1);
        assertThat(chart.safety()).hasSize(1);
        assertThat(chart.toxicity()).hasSize(1);
        assertThat(chart.responses()).hasSize(1);
        assertThat(chart.outcome()).map(s -> s.value()).contains(Samples.outcome());
        assertThat(chart.findingsNeedingWorkUp())
                .extracting(org.netra.clinical.diagnosis.BoneFinding::location)
                .containsExactly("rib 7 right");
        // the chart is what eligibility reads: the same verdict as stored
        var again = Eligibility.withDefaults()
                .assess(chart.candidate(), Samples.eligibility().verdict().assessedOn());
        assertThat(again).isEqualTo(chart.eligibility().get(0).value().verdict());
        assertThatThrownBy(() -> PatientChart.load(store.records(), "P-NONE"))
                .isInstanceOf(RecordNotFoundException.class)
                .hasMessageContaining("P-NONE");
    }

    @Test
    void theAuditTrailShowsEachChangeBeforeAndAfter() {
        var records = store.records();
        var before = Samples.patient();
        records.create(ClinicalKinds.PATIENT, before, "nurse.anna");
        var after = new PatientRecord(
                before.patient(),
                before.name(),
                new PrimaryTumour(
                        before.tumour().site(),
                        before.tumour().grade(),
                        Optional.of(new Ki67(23, LocalDate.of(2025, 2, 20)))),
                before.priorTreatments(),
                before.performance(),
                Optional.of(false),
                false);
        records.update(ClinicalKinds.PATIENT, 1, after, "dr.berg");

        List<AuditEvent> history = store.audit().history("patient", Samples.PID);
        assertThat(history).extracting(AuditEvent::actor).containsExactly("nurse.anna", "dr.berg");
        AuditEvent edit = history.get(1);
        assertThat(edit.version()).isEqualTo(2);
        var docs = store.documents();
        assertThat(docs.read(edit.before(), PatientRecord.class)).isEqualTo(before);
        assertThat(docs.read(edit.after(), PatientRecord.class)).isEqualTo(after);
        assertThat(edit.before()).contains("\"percent\":8.0").doesNotContain("\"percent\":23.0");
        assertThat(edit.after()).contains("\"percent\":23.0");
    }

    @Test
    void twoPhysicistsEditingOneDosimetryResultTheLoserIsTold() {
        var records = store.records();
        var original = Samples.dosimetry(1);
        records.create(ClinicalKinds.DOSIMETRY, original, "phys.carl");
        int seenByCarl = records.get(ClinicalKinds.DOSIMETRY, original.id()).version();
        int seenByDora = records.get(ClinicalKinds.DOSIMETRY, original.id()).version();

        var carls = withKidneyDose(original, 3.1);
        var doras = withKidneyDose(original, 3.5);
        records.update(ClinicalKinds.DOSIMETRY, seenByCarl, carls, "phys.carl");
        assertThatThrownBy(() -> records.update(ClinicalKinds.DOSIMETRY, seenByDora, doras, "phys.dora"))
                .isInstanceOf(ConcurrentEditException.class)
                .hasMessageContaining("phys.carl")
                .hasMessageContaining("reload");

        assertThat(records.get(ClinicalKinds.DOSIMETRY, original.id()).value()).isEqualTo(carls);
        var history = store.audit().history("cycle_dosimetry", original.id());
        assertThat(history).extracting(AuditEvent::actor).containsExactly("phys.carl", "phys.carl");
        // Dora reloads and applies her change on top: now it lands, and the trail has all three
        int fresh = records.get(ClinicalKinds.DOSIMETRY, original.id()).version();
        records.update(ClinicalKinds.DOSIMETRY, fresh, doras, "phys.dora");
        assertThat(store.audit().history("cycle_dosimetry", original.id()))
                .extracting(AuditEvent::actor)
                .containsExactly("phys.carl", "phys.carl", "phys.dora");
    }

    @Test
    void severalChangesInOneTransactionAreStoredTogetherOrNotAtAll() {
        var records = store.records();
        records.create(ClinicalKinds.PATIENT, Samples.patient(), "dr.berg");
        var room = Samples.room();
        var stay = records.create(ClinicalKinds.ROOM_BOOKING, room, "dr.berg");
        var moved = new org.netra.clinical.therapy.RoomBooking(
                room.room(),
                room.patientId(),
                room.admission().plusDays(7),
                room.discharge().plusDays(7));
        // the second change fails (a stale version): the first is rolled back with it, nothing is audited
        long before = store.audit().since(0).size();
        assertThatThrownBy(() -> records.inOneTransaction(
                        List.of(
                                org.netra.store.record.Change.create(ClinicalKinds.ROOM_BOOKING, moved),
                                org.netra.store.record.Change.delete(
                                        ClinicalKinds.ROOM_BOOKING,
                                        ClinicalKinds.ROOM_BOOKING.id().apply(room),
                                        7)),
                        "nurse.ana"))
                .isInstanceOf(ConcurrentEditException.class);
        assertThat(records.find(
                        ClinicalKinds.ROOM_BOOKING,
                        ClinicalKinds.ROOM_BOOKING.id().apply(moved)))
                .isEmpty();
        assertThat(store.audit().since(0)).hasSize((int) before);
        // with the right version both are kept and both audited
        records.inOneTransaction(
                List.of(
                        org.netra.store.record.Change.create(ClinicalKinds.ROOM_BOOKING, moved),
                        org.netra.store.record.Change.delete(
                                ClinicalKinds.ROOM_BOOKING,
                                ClinicalKinds.ROOM_BOOKING.id().apply(room),
                                stay.version())),
                "nurse.ana");
        assertThat(records.list(ClinicalKinds.ROOM_BOOKING)).singleElement().satisfies(b -> assertThat(b.value())
                .isEqualTo(moved));
        assertThat(store.audit().since(0)).hasSize((int) before + 2);
    }

    @Test
    void idsArePatientScopedAndChecked() {
        assertThat(ClinicalKinds.key("P-1", "srs-1")).isEqualTo("P-1/srs-1");
        assertThatThrownBy(() -> ClinicalKinds.key("P-1", "a/b")).hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> new LabPanel(
                        "x", " ", Samples.labs(Samples.START, "y", 200).results()))
                .hasMessageContaining("patient");
        Set<String> ids = new java.util.HashSet<>();
        for (var s : everyKind()) {
            assertThat(ids.add(s.kind().name() + ":" + s.id())).isTrue();
        }
        assertThat(new ArrayList<>(ids)).hasSize(everyKind().size());
    }

    /** Three sites, four patients: counts and rates by hand; survival in days from the stored dates. */
    @Test
    void cohortResponseAndSurvivalBySite() {
        var records = store.records();
        Object[][] cohort = {
            {"C-1", TumourSite.PANCREAS, Response.PR, 400, true},
            {"C-2", TumourSite.PANCREAS, Response.SD, 300, false},
            {"C-3", TumourSite.SMALL_INTESTINE, Response.PD, 120, true},
            {"C-4", TumourSite.LUNG, Response.CR, 500, false}
        };
        LocalDate start = LocalDate.of(2023, 1, 10);
        var base = Samples.patient();
        for (Object[] c : cohort) {
            String id = (String) c[0];
            var p = base.patient();
            records.create(
                    ClinicalKinds.PATIENT,
                    new PatientRecord(
                            new org.netra.clinical.patient.Patient(
                                    id, p.sex(), p.birthDate(), p.weights(), p.heights()),
                            id,
                            new PrimaryTumour((TumourSite) c[1], Grade.G2, Optional.empty()),
                            List.of(),
                            List.of(),
                            Optional.of(false),
                            false),
                    "registrar");
            var baseline =
                    Recist.v11().select(start, List.of(new BaselineLesion("t", "liver", false, Length.ofMm(30))));
            records.create(
                    ClinicalKinds.RESPONSE,
                    new ResponseRecord(id + "/recist", id, baseline, List.of(), List.of(), (Response) c[2]),
                    "registrar");
            int days = (Integer) c[3];
            boolean progressed = (Boolean) c[4];
            records.create(
                    ClinicalKinds.OUTCOME,
                    new OutcomeRecord(
                            id,
                            id,
                            start,
                            progressed ? Optional.of(start.plusDays(days)) : Optional.empty(),
                            Optional.empty(),
                            start.plusDays(progressed ? days + 60 : days)),
                    "registrar");
        }
        var summaries = Cohorts.responseBySite(records);
        assertThat(summaries)
                .extracting(CohortResponse.Summary::site)
                .containsExactly(TumourSite.PANCREAS, TumourSite.SMALL_INTESTINE, TumourSite.LUNG, null);
        var pancreas = summaries.get(0);
        assertThat(pancreas.patients()).isEqualTo(2);
        assertThat(pancreas.objectiveResponseRate()).isEqualTo(0.5);
        assertThat(pancreas.diseaseControlRate()).isEqualTo(1.0);
        var all = summaries.get(3);
        assertThat(all.patients()).isEqualTo(4);
        assertThat(all.objectiveResponseRate()).isEqualTo(0.5); // PR + CR of 4
        assertThat(all.diseaseControlRate()).isEqualTo(0.75);

        var pfs = Cohorts.progressionFreeBySite(records);
        assertThat(pfs)
                .containsExactly(
                        new SurvivalObservation(400, true, "PANCREAS"),
                        new SurvivalObservation(300, false, "PANCREAS"),
                        new SurvivalObservation(120, true, "SMALL_INTESTINE"),
                        new SurvivalObservation(500, false, "LUNG"));
        // a death without progression: an event for PFS and OS, censored for time to progression
        var died = new OutcomeRecord(
                "D", "D", start, Optional.empty(), Optional.of(start.plusDays(90)), start.plusDays(90));
        assertThat(died.progressionFree("x")).isEqualTo(new SurvivalObservation(90, true, "x"));
        assertThat(died.timeToProgression("x")).isEqualTo(new SurvivalObservation(90, false, "x"));
        assertThat(died.overall("x")).isEqualTo(new SurvivalObservation(90, true, "x"));
        assertThat(Cohorts.overallBySite(records))
                .extracting(SurvivalObservation::time)
                .containsExactly(460.0, 300.0, 180.0, 500.0);
    }

    /** From the stored course: a cycle already 17 weeks late is stopped (label: stop at ≥ 16 weeks). */
    @Test
    void theNextCycleIsDecidedFromWhatIsStored() {
        var records = store.records();
        records.create(ClinicalKinds.PATIENT, Samples.patient(), "dr.berg");
        records.create(ClinicalKinds.LAB_PANEL, Samples.labs(Samples.START.minusDays(7), "base", 240), "nurse.anna");
        records.create(ClinicalKinds.COURSE, Samples.course(), "dr.berg");
        String course = Samples.course().id();
        assertThatThrownBy(() -> NextCycle.DEFAULTS.decide(
                        PatientChart.load(records, Samples.PID), course, Samples.START.plusWeeks(7)))
                .hasMessageContaining("no stored dosimetry");
        assertThatThrownBy(() -> NextCycle.DEFAULTS.decide(
                        PatientChart.load(records, Samples.PID), "P-0042/none", Samples.START))
                .hasMessageContaining("no PRRT course P-0042/none");
        records.create(ClinicalKinds.DOSIMETRY, Samples.dosimetry(1), "phys.carl");
        records.create(ClinicalKinds.DOSIMETRY, Samples.dosimetry(2), "phys.carl");
        records.create(ClinicalKinds.LAB_PANEL, Samples.labs(Samples.START.plusWeeks(12), "c2", 210), "nurse.anna");

        var onTime =
                NextCycle.DEFAULTS.decide(PatientChart.load(records, Samples.PID), course, Samples.START.plusWeeks(15));
        assertThat(onTime.id()).isEqualTo(course + "/decision-3");
        assertThat(onTime.decision()).isInstanceOf(CycleDecision.Continue.class);

        var late = NextCycle.DEFAULTS.decide(
                PatientChart.load(records, Samples.PID), course, Samples.START.plusWeeks(16 + 17));
        assertThat(late.toxicity()).isInstanceOf(DoseDecision.Discontinue.class);
        assertThat(late.decision()).isInstanceOf(CycleDecision.Stop.class);
        assertThat(late.decision().reasons()).anySatisfy(r -> assertThat(r).contains("delayed 17 weeks"));
    }

    /** The whole clinical record through a backup into the other database: the same chart, versions and trail. */
    @Test
    void aBackupCarriesTheWholeChartIntoTheOtherDatabase(@TempDir Path dir) {
        everyKind().forEach(s -> s.create(store));
        store.records().update(ClinicalKinds.DOSIMETRY, 1, withKidneyDose(Samples.dosimetry(1), 3.2), "phys.carl");
        Path zip = dir.resolve("chart.zip");
        var counts = store.backups().write(zip);
        try (var other = Store.open(otherVendorConfig())) {
            assertThat(other.backups().restore(zip)).isEqualTo(counts);
            assertThat(PatientChart.load(other.records(), Samples.PID))
                    .isEqualTo(PatientChart.load(store.records(), Samples.PID));
            assertThat(other.audit().since(0)).isEqualTo(store.audit().since(0));
        }
    }

    private static DosimetryRecord withKidneyDose(DosimetryRecord r, double gy) {
        var d = r.dosimetry();
        return new DosimetryRecord(
                r.id(),
                r.patientId(),
                r.courseId(),
                new CycleDosimetry(
                        d.cycle(),
                        d.date(),
                        d.administered(),
                        AbsorbedDose.ofGy(gy),
                        d.kidneyEffectiveHalfLife(),
                        Optional.empty(),
                        d.marrowDose()),
                r.tumours(),
                r.method());
    }
}
