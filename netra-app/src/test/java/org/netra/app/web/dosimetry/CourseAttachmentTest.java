package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.clinical.patient.IdentityCheck;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.RegionRole;
import org.netra.dosimetry.dvh.DoseVolumeHistogram;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;
import org.netra.physics.quantity.Volume;
import org.netra.store.audit.AuditEvent;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.DosimetryWarning;

/** A finished job attached to a cycle of its patient's course: the figures carried over, and every refusal. */
class CourseAttachmentTest {
    private static TestServer server;
    private static DosimetryRecord cycle1;
    private static int given;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b);
        new SyntheticDemoCohort(2026, 20, LocalDate.of(2021, 9, 6)).load(server.store, "demo-loader");
        var all = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .toList();
        cycle1 =
                all.stream().filter(d -> d.dosimetry().cycle() == 1).findFirst().orElseThrow();
        given = (int) all.stream()
                .filter(d -> d.patientId().equals(cycle1.patientId()))
                .count();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static DosimetryJobs.VoiDose voi(String name, double ml, double gy, double bedGy, double teffH) {
        return new DosimetryJobs.VoiDose(
                name,
                Volume.ofMl(ml),
                List.of(Activity.ofMBq(10), Activity.ofMBq(8), Activity.ofMBq(4)),
                "mono-exponential",
                TimeIntegratedActivity.ofMBqHours(100),
                AbsorbedDose.ofGy(gy),
                AbsorbedDose.ofGy(0.1 * gy),
                Optional.of(AbsorbedDose.ofGy(bedGy)),
                "fits best",
                Optional.of(new ModelCurve(new double[] {0, 24, 96}, new double[] {11, 8, 4})),
                Optional.of(new DoseVolumeHistogram.Curve(new double[] {0, gy, 2 * gy}, new double[] {1, 0.5, 0})),
                Optional.of(AbsorbedDose.ofGy(gy)),
                Optional.of(Times.ofHours(teffH)),
                Optional.empty(), // as a job stored before roles were kept: the default name rules give the role
                Optional.empty(),
                // the job's mass: the volume at a made-up 1.05 g/mL, so that it cannot be the report's own 1.04
                Optional.of(Mass.ofGrams(1.05 * ml)));
    }

    /** A finished job of {@code patient}'s injection on {@code day} with {@code gbq}, stored as the worker would. */
    private static String job(String patient, LocalDate day, double gbq, List<DosimetryJobs.VoiDose> vois) {
        return job(
                new IdentityCheck.DicomIdentity(patient, java.util.Optional.empty(), java.util.Optional.empty()),
                day,
                gbq,
                vois);
    }

    private static String job(
            IdentityCheck.DicomIdentity who, LocalDate day, double gbq, List<DosimetryJobs.VoiDose> vois) {
        return job(who, day, gbq, vois, List.of());
    }

    private static String job(
            IdentityCheck.DicomIdentity who,
            LocalDate day,
            double gbq,
            List<DosimetryJobs.VoiDose> vois,
            List<org.netra.app.dosimetry.CycleJson.WarningOut> warnings) {
        String id = "t" + Long.toHexString(System.nanoTime());
        var result = new DosimetryJobs.Result(
                who.patientId(),
                day.atTime(9, 30),
                Activity.ofGBq(gbq),
                new double[] {4, 24, 96},
                vois,
                "",
                Optional.of(warnings),
                Optional.empty(),
                Optional.of(who));
        server.store
                .records()
                .create(
                        DosimetryJobs.FinishedJob.KIND,
                        new DosimetryJobs.FinishedJob(
                                id, "physicist", "test.zip", "voxel kernel", Instant.now(), Instant.now(), result, ""),
                        "physicist");
        return id;
    }

    private static final List<DosimetryJobs.VoiDose> KIDNEYS_AND_LESION = List.of(
            voi("Kidney_L", 100, 3.0, 3.2, 40),
            voi("Kidney_R", 150, 4.0, 4.4, 50),
            voi("Kidney_L_cortex", 70, 3.5, 3.8, 40),
            voi("lesion1", 12, 20.0, 25.0, 90),
            voi("Body", 60_000, 0.5, 0.5, 50));

    @Test
    void theKidneysAreMassWeightedTheTumoursCarriedAndTheRecordedMarrowKept() {
        var d = cycle1.dosimetry();
        String id = job(cycle1.patientId(), d.date(), d.administered().inGBq(), KIDNEYS_AND_LESION);
        var rec = server.app
                .jobs()
                .attach(id, new DosimetryJobs.Target(cycle1.patientId(), 1), "physicist")
                .value();
        // the library's mapping (CycleDoseMappingTest has it by hand): (100·3 + 150·4) / 250 = 3.6 Gy;
        // BED (100·3.2 + 150·4.4) / 250 = 3.92 Gy; T_eff 46 h — the attachment must carry exactly these
        assertThat(rec.dosimetry().kidneyDose().inGy()).isCloseTo(3.6, within(1e-12));
        assertThat(rec.dosimetry().kidneyBed().orElseThrow().inGy()).isCloseTo(3.92, within(1e-12));
        assertThat(rec.dosimetry().kidneyEffectiveHalfLife().toMinutes()).isEqualTo(46 * 60);
        assertThat(rec.dosimetry().marrowDose()).isEqualTo(d.marrowDose());
        assertThat(rec.tumours()).singleElement().satisfies(t -> {
            assertThat(t.lesion()).isEqualTo("lesion1");
            assertThat(t.mean().inGy()).isEqualTo(20.0);
            assertThat(t.standardDeviation().inGy()).isCloseTo(2.0, within(1e-12));
        });
        assertThat(server.store
                        .records()
                        .get(ClinicalKinds.CYCLE_CURVES, rec.id())
                        .value()
                        .regions())
                .extracting(c -> c.region())
                .containsExactly("Kidney_L", "Kidney_R", "Kidney_L_cortex", "lesion1");
        assertThat(rec.method()).contains(id).contains("blood-based").contains("physicist");
        // CycleDoseMapping weighs the kidneys by volume, and the cycle page's method says so
        assertThat(rec.method()).contains("kidneys the volume-weighted mean of").doesNotContain("mass-weighted");
        var history = server.store.audit().history(ClinicalKinds.DOSIMETRY.name(), cycle1.id());
        // the first change keeps the loader's record as "before" (the other tests here may attach again)
        assertThat(history.get(1).action()).isEqualTo(AuditEvent.Action.UPDATE);
        assertThat(history.get(1).before())
                .contains(Double.toString(d.kidneyDose().inGy()));
        assertThat(server.store
                        .records()
                        .get(DosimetryJobs.FinishedJob.KIND, id)
                        .value()
                        .attachedTo())
                .isEqualTo(cycle1.id());
    }

    /** A job as the store kept it before its figures were typed: unit-named numbers, null or 0 for "not kept". */
    private static final String STORED_BEFORE_TYPING = """
            {"id":"old1","owner":"physicist","upload":"old.zip","method":"voxel kernel",
             "started":"2026-01-05T10:00:00Z","finished":"2026-01-05T10:01:00Z","attachedTo":"",
             "result":{"patientId":"P1","injection":"2026-01-05T09:30","injectedGBq":7.4,"hours":[4.0,24.0,96.0],
              "correction":"","warnings":null,"json":null,"identity":null,
              "vois":[
               {"name":"Kidney_L","volumeMl":100.0,"activityMBq":[10.0,8.0,4.0],"model":"mono-exponential",
                "tiaMBqH":100.0,"doseGy":3.0,"doseSdGy":0.3,"bedGy":3.2,"why":"fits best",
                "curve":{"hours":[0.0,24.0,96.0],"mBq":[11.0,8.0,4.0]},
                "dvh":{"gy":[0.0,3.0,6.0],"fraction":[1.0,0.5,0.0]},"d50Gy":3.0,"effectiveHalfLifeH":40.0,
                "assignedRole":"KIDNEY","bedTissue":"kidney"},
               {"name":"lesion1","volumeMl":12.0,"activityMBq":[1.0,2.0,1.5],"model":"trapezoid",
                "tiaMBqH":150.0,"doseGy":20.0,"doseSdGy":2.0,"bedGy":null,"why":"too few points",
                "curve":null,"dvh":null,"d50Gy":null,"effectiveHalfLifeH":0.0,
                "assignedRole":null,"bedTissue":null}]}}""";

    @Test
    void aJobStoredBeforeItsFiguresWereTypedStillLoadsAndIsWrittenTheSameWay() throws Exception {
        var docs = server.store.documents();
        var job = docs.read(STORED_BEFORE_TYPING, DosimetryJobs.FinishedJob.class);
        var kidney = job.result().vois().get(0);
        assertThat(kidney.volume()).isEqualTo(Volume.ofMl(100));
        assertThat(kidney.activity()).containsExactly(Activity.ofMBq(10), Activity.ofMBq(8), Activity.ofMBq(4));
        assertThat(kidney.dose()).isEqualTo(AbsorbedDose.ofGy(3));
        assertThat(kidney.bed()).contains(AbsorbedDose.ofGy(3.2));
        assertThat(kidney.effectiveHalfLife()).contains(Times.ofHours(40));
        assertThat(kidney.curve()).isPresent();
        assertThat(job.result().injection()).isEqualTo(java.time.LocalDateTime.of(2026, 1, 5, 9, 30));
        assertThat(job.result().injected()).isEqualTo(Activity.ofGBq(7.4));
        assertThat(job.result().warnings()).as("null: not kept").isEmpty();
        assertThat(job.result().json()).isEmpty();
        assertThat(job.result().dicomIdentity().patientId()).isEqualTo("P1");
        var lesion = job.result().vois().get(1);
        assertThat(lesion.bed()).isEmpty();
        assertThat(lesion.curve()).isEmpty();
        assertThat(lesion.dvh()).isEmpty();
        assertThat(lesion.d50()).isEmpty();
        assertThat(lesion.effectiveHalfLife()).as("0 was 'not kept'").isEmpty();
        assertThat(lesion.assignedRole()).isEmpty();
        assertThat(lesion.role()).as("by the default name rules").isEqualTo(RegionRole.TUMOUR);
        // written back field for field as it was read
        assertThat(docs.mapper().readTree(docs.write(job)))
                .isEqualTo(docs.mapper().readTree(STORED_BEFORE_TYPING));
    }

    @Test
    void imagesOfAnotherPatientDayOrActivityAreRefused() {
        var d = cycle1.dosimetry();
        String pid = cycle1.patientId();
        var target = new DosimetryJobs.Target(pid, 1);
        var jobs = server.app.jobs();
        String other = job("SIM-OTHER", d.date(), d.administered().inGBq(), KIDNEYS_AND_LESION);
        assertThatThrownBy(() -> jobs.attach(other, target, "physicist"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("SIM-OTHER")
                .hasMessageContaining(pid);
        String nobody = job("SIM-NOBODY", d.date(), d.administered().inGBq(), KIDNEYS_AND_LESION);
        assertThatThrownBy(() -> jobs.attach(nobody, new DosimetryJobs.Target("SIM-NOBODY", 1), "physicist"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("no chart of patient SIM-NOBODY");
        String dayAfter = job(pid, d.date().plusDays(1), d.administered().inGBq(), KIDNEYS_AND_LESION);
        assertThatThrownBy(() -> jobs.attach(dayAfter, target, "physicist"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("given on " + d.date());
        String more = job(pid, d.date(), d.administered().inGBq() * 1.1, KIDNEYS_AND_LESION);
        assertThatThrownBy(() -> jobs.attach(more, target, "physicist"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("0018,1074");
        String noKidneys = job(pid, d.date(), d.administered().inGBq(), List.of(voi("lesion1", 12, 20, 25, 90)));
        assertThatThrownBy(() -> jobs.attach(noKidneys, target, "physicist"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("no kidney VOI");
        String ok = job(pid, d.date(), d.administered().inGBq(), KIDNEYS_AND_LESION);
        assertThatThrownBy(() -> jobs.attach(ok, new DosimetryJobs.Target(pid, given + 2), "physicist"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("attach to cycle 1–" + (given + 1));
        // a cycle without a recorded marrow dose needs a marrow VOI
        LocalDate next = server.store
                .records()
                .get(ClinicalKinds.DOSIMETRY, cycle1.id().replace("cycle-1", "cycle-" + given))
                .value()
                .dosimetry()
                .date()
                .plusWeeks(8);
        String noMarrow = job(pid, next, 7.4, KIDNEYS_AND_LESION);
        assertThatThrownBy(() -> jobs.attach(noMarrow, new DosimetryJobs.Target(pid, given + 1), "physicist"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("blood-based marrow dose");
    }

    @Test
    void imagesWithTheChartsIdButAnotherNameOrBirthDateAreRefused() {
        var d = cycle1.dosimetry();
        String pid = cycle1.patientId();
        var chart = server.store.records().get(ClinicalKinds.PATIENT, pid).value();
        var target = new DosimetryJobs.Target(pid, 1);
        String stranger = job(
                new IdentityCheck.DicomIdentity(
                        pid, java.util.Optional.of("Doe^John"), java.util.Optional.of("19500101")),
                d.date(),
                d.administered().inGBq(),
                KIDNEYS_AND_LESION);
        assertThatThrownBy(() -> server.app.jobs().attach(stranger, target, "physicist"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("is not of " + chart.name())
                .hasMessageContaining("Patient's Name 'Doe^John'")
                .hasMessageContaining("Birth Date 1950-01-01");
        String same = job(
                new IdentityCheck.DicomIdentity(
                        pid,
                        java.util.Optional.of(chart.name().replace(' ', '^')),
                        java.util.Optional.of(
                                chart.patient().birthDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE))),
                d.date(),
                d.administered().inGBq(),
                KIDNEYS_AND_LESION);
        assertThat(server.app.jobs().attach(same, target, "physicist").value().id())
                .isEqualTo(cycle1.id());
    }

    @Test
    void aPhysicistAttachesFromTheJobPageANurseCannot() {
        var d = cycle1.dosimetry();
        String id = job(cycle1.patientId(), d.date(), d.administered().inGBq(), KIDNEYS_AND_LESION);
        var nurse = new WebClient(server.base);
        nurse.signIn("nurse", TestServer.password("nurse"));
        assertThat(nurse.postForm("/dosimetry/jobs/" + id + "/attach", Map.of("cycle", "1"), true)
                        .statusCode())
                .isEqualTo(403);
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        var page = physicist.get("/dosimetry/jobs/" + id);
        assertThat(page.body()).contains("id=\"attach-form\"");
        var wrong = physicist.postForm("/dosimetry/jobs/" + id + "/attach", Map.of("cycle", "x"), true);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("give the cycle");
        var done = physicist.postForm("/dosimetry/jobs/" + id + "/attach", Map.of("cycle", "1"), true);
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/patients/" + cycle1.patientId() + "/dosimetry/1");
        var api = physicist.postJson("/api/dosimetry/jobs/" + id + "/attach", "{\"cycle\": 1}");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"kidneyDose\"");
        assertThat(physicist.get("/dosimetry/jobs/" + id).body()).contains("id=\"job-attached\"");
    }

    /**
     * The cycle's report (the one a physicist signs) prints the mass and TIA the attached job computed for each VOI
     * and lesion, not a dash: 100 MBq·h and 1.05 g/mL × volume as the job stored them; the kidneys' mean and the
     * blood-based marrow have no mass or TIA of their own and keep the dash. The checklist names the masses.
     */
    @Test
    void theCyclesReportPrintsTheTiaTheAttachedJobComputed() throws Exception {
        var d = cycle1.dosimetry();
        String id = job(cycle1.patientId(), d.date(), d.administered().inGBq(), KIDNEYS_AND_LESION);
        server.app.jobs().attach(id, new DosimetryJobs.Target(cycle1.patientId(), 1), "physicist");
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        var pdf = physicist.getBytes("/patients/" + cycle1.patientId() + "/dosimetry/1/report.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text = ReportSignoffWebTest.pdftotext(pdf.body(), "attached-tia");
        // columns: VOI, mass (g), TIA (MBq·h), dose ± SD (Gy), …
        assertThat(text)
                .contains("Kidney_L 105 100 3.00 ± 0.30")
                .contains("Kidney_R 158 100 4.00 ± 0.40")
                .contains("lesion1 13 100 20.00 ± 2.00")
                // pdftotext may put the header's other cells between the first row's name and its values when the table
                // starts near the foot of a page
                .containsPattern(
                        "kidneys (mass \\(g\\) TIA \\(MBq·h\\) dose ± SD \\(Gy\\) rel\\. SD \\(%\\) Gy/GBq )?– – 3\\.60 ± ");
    }
    /**
     * The job's warnings reach the cycle's report: the checklist's Warnings item names each one with its VOI, not
     * "not recorded" (before, only clauses of the method text naming an assumption were found).
     */
    @Test
    void theCyclesReportCarriesTheAttachedJobsWarnings() throws Exception {
        var d = cycle1.dosimetry();
        String id = job(
                new IdentityCheck.DicomIdentity(cycle1.patientId(), Optional.empty(), Optional.empty()),
                d.date(),
                d.administered().inGBq(),
                KIDNEYS_AND_LESION,
                List.of(
                        new org.netra.app.dosimetry.CycleJson.WarningOut(
                                "extrapolated", "lesion1", "82 % of the TIA is extrapolated beyond the last scan"),
                        new org.netra.app.dosimetry.CycleJson.WarningOut(
                                "early-clearance", "Bladder", "Bladder: clears before the first scan")));
        server.app.jobs().attach(id, new DosimetryJobs.Target(cycle1.patientId(), 1), "physicist");
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        var pdf = physicist.getBytes("/patients/" + cycle1.patientId() + "/dosimetry/1/report.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text =
                ReportSignoffWebTest.pdftotext(pdf.body(), "attached-warnings").replaceAll("\\s+", " ");
        assertThat(text)
                .contains("lesion1: 82 % of the TIA is extrapolated beyond the last scan")
                .contains("Bladder: clears before the first scan")
                .doesNotContain("Bladder: Bladder:");

        // kept as a list of their own with the record, not inside its method text
        DosimetryRecord rec =
                server.store.records().get(ClinicalKinds.DOSIMETRY, cycle1.id()).value();
        assertThat(rec.warnings()).hasValueSatisfying(ws -> assertThat(ws)
                .extracting(DosimetryWarning::region, DosimetryWarning::text)
                .containsExactly(
                        tuple("lesion1", "lesion1: 82 % of the TIA is extrapolated beyond the last scan"),
                        tuple("Bladder", "Bladder: clears before the first scan")));
        assertThat(rec.method()).doesNotContain("job warnings").doesNotContain("extrapolated");
        String page = physicist
                .get("/patients/" + cycle1.patientId() + "/dosimetry/1")
                .body();
        assertThat(page)
                .contains("<li>lesion1: 82 % of the TIA is extrapolated beyond the last scan</li>")
                .contains("<li>Bladder: clears before the first scan</li>");
    }
}
