package org.netra.interop.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.clinical.followup.Ctcae;
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
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TumourSite;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.PlanRules;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.clinical.therapy.TumourDose;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.interop.fhir.FhirJson;
import org.netra.interop.fhir.FhirValidation;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.LabPanel;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.clinical.StudyRecord;
import org.netra.store.clinical.ToxicityRecord;
import org.netra.store.record.Stored;
import org.netra.testkit.TestData;
import org.netra.testkit.TestPostgres;

/**
 * A Norwegian centre refers the real 177Lu patient to another: its netra chart (H2) and the SPECT of the
 * first cycle go into a referral package, which the receiving netra (PostgreSQL) takes in whole.
 */
class ReferralRoundTripTest {
    /** The real SPECT's own Patient ID and name (anonymised at source): the chart is of the same patient. */
    static final String PID = "ANON54121";

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final LocalDateTime FIRST = LocalDateTime.of(2018, 11, 15, 9, 22);

    @TempDir
    Path dir;

    static LabPanel panel(String suffix, LocalDate day, double platelets, double lymphocytes) {
        return new LabPanel(
                ClinicalKinds.key(PID, "lab-" + suffix),
                PID,
                List.of(
                        LabResult.of(Analyte.HAEMOGLOBIN, 12.6, LabUnit.G_PER_DL, day),
                        LabResult.of(Analyte.PLATELETS, platelets, LabUnit.PER_NL, day),
                        LabResult.of(Analyte.WHITE_BLOOD_CELLS, 5.4, LabUnit.PER_NL, day),
                        LabResult.of(Analyte.NEUTROPHILS, 3.2, LabUnit.PER_NL, day),
                        LabResult.of(Analyte.LYMPHOCYTES, lymphocytes, LabUnit.PER_NL, day),
                        LabResult.of(Analyte.CREATININE, 74, LabUnit.UMOL_PER_L, day),
                        LabResult.of(Analyte.EGFR, 88, LabUnit.ML_PER_MIN_1_73M2, day)));
    }

    /** The referring centre's chart of the patient. */
    static void fill(Store store) {
        var r = store.records();
        String actor = "dr.hansen@referrer";
        LocalDate d0 = FIRST.toLocalDate();
        var patient = new Patient(
                PID,
                Sex.MALE,
                LocalDate.of(1950, 6, 2),
                List.of(new Dated<>(d0.minusDays(9), Mass.ofKg(82.4))),
                List.of(new Dated<>(d0.minusDays(9), Length.ofCm(179))));
        r.create(
                ClinicalKinds.PATIENT,
                new PatientRecord(
                        patient,
                        "John Doe",
                        new PrimaryTumour(
                                TumourSite.SMALL_INTESTINE, Grade.G2, Optional.of(new Ki67(6, d0.minusMonths(5)))),
                        List.of(),
                        List.of(new Dated<>(d0.minusDays(9), new PerformanceStatus.Ecog(1))),
                        Optional.empty(),
                        false),
                actor);
        r.create(
                ClinicalKinds.STUDY,
                new StudyRecord(
                        ClinicalKinds.key(PID, "srs-1"),
                        PID,
                        new ImagingStudy(
                                "srs-1",
                                ImagingProtocol.SomatostatinReceptorScintigraphy.standard(),
                                d0.minusDays(30).atTime(8, 45),
                                List.of(new Lesion(
                                        "liver-1",
                                        "liver",
                                        false,
                                        Optional.of(KrenningScore.ABOVE_SPLEEN_KIDNEYS),
                                        null,
                                        null)),
                                List.of())),
                actor);
        LabPanel base = panel("base", d0.minusDays(7), 236, 1.5);
        LabPanel nadir = panel("nadir", d0.plusWeeks(5), 96, 0.45);
        r.create(ClinicalKinds.LAB_PANEL, base, actor);
        r.create(ClinicalKinds.LAB_PANEL, nadir, actor);
        // a stay in the referrer's own isolation room: it does not travel
        r.create(ClinicalKinds.ROOM_BOOKING, new RoomBooking("iso-1", PID, d0, d0.plusDays(4)), actor);
        String course = ClinicalKinds.key(PID, "prrt-1");
        r.create(
                ClinicalKinds.COURSE,
                new CourseRecord(
                        course, PID, PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, FIRST, PlanRules.DEFAULTS)),
                actor);
        r.create(
                ClinicalKinds.DOSIMETRY,
                new DosimetryRecord(
                        ClinicalKinds.key(PID, "prrt-1", "cycle-1"),
                        PID,
                        course,
                        new CycleDosimetry(
                                1,
                                d0,
                                Activity.ofMBq(7210),
                                AbsorbedDose.ofGy(3.9),
                                Duration.ofHours(46),
                                Optional.of(AbsorbedDose.ofGy(4.3)),
                                AbsorbedDose.ofGy(0.14)),
                        List.of(new TumourDose(
                                "liver-1",
                                AbsorbedDose.ofGy(28.7),
                                AbsorbedDose.ofGy(3.9),
                                org.netra.physics.quantity.Volume.ofMl(18.2))),
                        "SPECT 3.7 h and 27.7 h, mono-exponential"),
                actor);
        var labs = new LabHistory(
                Stream.of(base, nadir).flatMap(p -> p.results().stream()).toList());
        r.create(
                ClinicalKinds.TOXICITY,
                new ToxicityRecord(
                        ClinicalKinds.key(PID, "ctcae-1"),
                        PID,
                        d0,
                        d0,
                        d0.plusWeeks(8),
                        new ToxicityAssessment(Ctcae.withDefaults()).assess(patient, labs, d0, d0, d0.plusWeeks(8))),
                actor);
    }

    static List<Path> spect() throws IOException {
        try (Stream<Path> s = Files.list(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image"))) {
            return s.sorted().toList();
        }
    }

    static List<Object> values(PatientChart c) {
        List<Object> out = new ArrayList<>();
        out.add(c.patient().value());
        for (var part : List.of(
                c.studies(),
                c.labs(),
                c.eligibility(),
                c.radiotherapy(),
                c.courses(),
                c.dosimetry(),
                c.decisions(),
                c.safety(),
                c.toxicity(),
                c.responses())) {
            part.stream().map(Stored::value).forEach(out::add);
        }
        c.outcome().map(Stored::value).ifPresent(out::add);
        return out;
    }

    @Test
    void h2ToPostgresLosesNothing() throws Exception {
        Path zip = dir.resolve("referral.zip");
        List<Path> files = spect();
        PatientChart sent;
        try (Store source = Store.open(
                StoreConfig.inMemory("src" + UUID.randomUUID().toString().replace("-", "")))) {
            fill(source);
            sent = PatientChart.load(source.records(), PID);
            var summary = ReferralPackage.write(
                    zip,
                    source,
                    PID,
                    ReferralPackage.dicomFiles(List.of(files.getFirst().getParent())),
                    OSLO);
            assertThat(summary.dicomInstances()).isEqualTo(files.size());
            assertThat(summary.records()).containsEntry("patient", 1).containsEntry("lab_panel", 2);
        }

        var contents = ReferralPackage.read(zip);
        var bundle = FhirJson.parse(contents.fhirJson(), "bundle.json");
        assertThat(FhirValidation.errors(bundle))
                .extracting(m -> m.getLocationString() + " " + m.getMessage())
                .isEmpty();
        assertThat(bundle.getEntry())
                .extracting(e -> e.getResource().fhirType())
                .contains("ImagingStudy", "MedicationAdministration", "CarePlan", "AdverseEvent", "Condition");

        Path images = dir.resolve("received-images");
        try (Store target = Store.open(new StoreConfig(TestPostgres.freshSchemaUrl(), null, null))) {
            ReferralPackage.importInto(
                    zip,
                    target,
                    new ReferralPackage.DicomTarget(Optional.of(images), Optional.empty()),
                    "referral import",
                    OSLO);
            PatientChart received = PatientChart.load(target.records(), PID);
            assertThat(values(received)).isEqualTo(values(sent));
            assertThat(sent.roomBookings()).hasSize(1);
            assertThat(received.roomBookings())
                    .as("the sender's isolation-room stays stay home")
                    .isEmpty();
            assertThat(received.dosimetry().getFirst().value().dosimetry().administered())
                    .isEqualTo(Activity.ofMBq(7210));
            assertThat(target.audit().history("patient", PID)).isNotEmpty();

            assertThatThrownBy(() -> ReferralPackage.importInto(
                            zip,
                            target,
                            new ReferralPackage.DicomTarget(Optional.empty(), Optional.empty()),
                            "again",
                            OSLO))
                    .isInstanceOf(ReferralException.class)
                    .hasMessageContaining("already exists");
        }
        Map<String, byte[]> receivedBySop = new HashMap<>();
        try (Stream<Path> s = Files.walk(images)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                receivedBySop.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        assertThat(receivedBySop).hasSize(files.size());
        for (Path f : files) {
            byte[] original = Files.readAllBytes(f);
            String sop = DicomFile.read(f, DicomFile.Extent.HEADER)
                    .dataset()
                    .string(Tag.SOP_INSTANCE_UID)
                    .orElseThrow();
            assertThat(receivedBySop.get(sop + ".dcm")).as(sop).isEqualTo(original);
        }
    }

    @Test
    void anotherPatientsImagesAreNotPackedIntoTheReferral() throws Exception {
        Path zip = dir.resolve("wrong-images.zip");
        try (Store source = Store.open(
                StoreConfig.inMemory("src" + UUID.randomUUID().toString().replace("-", "")))) {
            fill(source);
            // the same images under another chart: a patient with another ID, name and birth date
            var other = source.records().get(ClinicalKinds.PATIENT, PID).value();
            var p = other.patient();
            source.records()
                    .create(
                            ClinicalKinds.PATIENT,
                            new PatientRecord(
                                    new Patient("NO-LU177-02", p.sex(), p.birthDate(), p.weights(), p.heights()),
                                    "Kari Nordmann",
                                    other.tumour(),
                                    List.of(),
                                    List.of(),
                                    Optional.empty(),
                                    false),
                            "dr.hansen@referrer");
            var images = ReferralPackage.dicomFiles(List.of(spect().getFirst()));
            assertThatThrownBy(() -> ReferralPackage.write(zip, source, "NO-LU177-02", images, OSLO))
                    .isInstanceOf(ReferralException.class)
                    .hasMessageContaining("is not of Kari Nordmann (NO-LU177-02)")
                    .hasMessageContaining("Patient ID 'ANON54121'")
                    .hasMessageContaining("Patient's Name 'DOE^JOHN'");
            assertThat(Files.exists(zip)).isFalse();
            // its own patient's images go
            assertThat(ReferralPackage.write(zip, source, PID, images, OSLO).dicomInstances())
                    .isEqualTo(1);
        }
    }

    @Test
    void aDamagedPackageIsRefusedNamingTheEntry() throws Exception {
        Path zip = dir.resolve("referral.zip");
        try (Store source = Store.open(
                StoreConfig.inMemory("src" + UUID.randomUUID().toString().replace("-", "")))) {
            fill(source);
            ReferralPackage.write(zip, source, PID, List.of(), OSLO);
        }
        // rewrite the zip with one changed byte in the records
        Path damaged = dir.resolve("damaged.zip");
        try (var in = new ZipInputStream(Files.newInputStream(zip));
                var out = new ZipOutputStream(Files.newOutputStream(damaged))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] b = in.readAllBytes();
                if (e.getName().equals("netra/records.jsonl")) {
                    b[b.length / 2] ^= 1;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(b);
                out.closeEntry();
            }
        }
        assertThatThrownBy(() -> ReferralPackage.read(damaged))
                .isInstanceOf(ReferralException.class)
                .hasMessageContaining("netra/records.jsonl")
                .hasMessageContaining("SHA-256");
    }
}
