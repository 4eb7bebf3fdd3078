package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TumourSite;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.quantity.Mass;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PatientRecord;
import org.netra.testkit.TestData;

/** {@code netra export}, {@code netra pacs} and {@code netra referral} on the real SPECT, end to end. */
class InteropCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Path spect() {
        return TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image");
    }

    @Test
    void exportsLandInTheSourceStudy(@TempDir Path dir) throws Exception {
        var series = SeriesAssembler.assemble(spect());
        float[] a = series.volume().voxels();
        float[] gy = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            gy[i] = Math.max(0, a[i]) * 1e-5f; // a dose-shaped map: any non-negative Gy map will do here
        }
        Path dose = dir.resolve("dose.nii.gz");
        Nifti.write(dose, ImageVolume.wrap(series.volume().geometry(), VoxelUnit.GY, gy));
        String study = series.header().string(Tag.STUDY_INSTANCE_UID).orElseThrow();

        var r = NuclideCommandTest.run(
                "export",
                "rtdose",
                "--series",
                spect().toString(),
                "--dose",
                dose.toString(),
                "--out",
                dir.resolve("rtdose.dcm").toString(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("studyInstanceUid").asText()).isEqualTo(study);
        assertThat(DicomFile.read(dir.resolve("rtdose.dcm")).dataset().string(Tag.MODALITY))
                .contains("RTDOSE");

        Path rtstruct;
        try (Stream<Path> s = Files.list(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/mask"))) {
            rtstruct = s.findFirst().orElseThrow();
        }
        r = NuclideCommandTest.run(
                "export",
                "rtstruct",
                "--series",
                spect().toString(),
                "--rtstruct",
                rtstruct.toString(),
                "--out",
                dir.resolve("rtstruct.dcm").toString(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("detail").asText()).endsWith("ROIs");

        r = NuclideCommandTest.run(
                "export",
                "pdf",
                "--series",
                spect().toString(),
                "--pdf",
                dose.toString(),
                "--out",
                dir.resolve("report.dcm").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a PDF");
    }

    @Test
    void pacsPushFindPull(@TempDir Path dir) throws Exception {
        String url = System.getenv("NETRA_TEST_ORTHANC_URL");
        if (url == null || url.isBlank()) {
            TestData.unavailable("NETRA_TEST_ORTHANC_URL is not set; run: source .ci/services.sh && start_orthanc");
        }
        var r = NuclideCommandTest.run("pacs", "push", "--url", url, spect().toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("stored").asInt()).isEqualTo(199);

        var header = DicomFile.read(Files.list(spect()).findFirst().orElseThrow(), DicomFile.Extent.HEADER)
                .dataset();
        String study = header.string(Tag.STUDY_INSTANCE_UID).orElseThrow();
        String series = header.string(Tag.SERIES_INSTANCE_UID).orElseThrow();
        r = NuclideCommandTest.run("pacs", "find", "--url", url, "--study", study, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).at("/studies/0/studyInstanceUid").asText())
                .isEqualTo(study);

        r = NuclideCommandTest.run(
                "pacs", "pull", "--url", url, "--study", study, "--series", series, "--out", dir.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("instances").asInt()).isEqualTo(199);
        assertThat(SeriesAssembler.assemble(dir.resolve(series)).volume().voxels())
                .isEqualTo(SeriesAssembler.assemble(spect()).volume().voxels());

        r = NuclideCommandTest.run("pacs", "find", "--url", "http://127.0.0.1:9/dicom-web", "--attempts", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("127.0.0.1:9/dicom-web/studies").contains("is the PACS running");
    }

    @Test
    void referralBetweenTwoDatabases(@TempDir Path dir) throws Exception {
        Path from = dir.resolve("from");
        Path to = dir.resolve("to");
        try (Store s = Store.open(StoreConfig.embedded(from))) {
            // the real SPECT's own (anonymised) patient: a referral carries that patient's images only
            var p = new Patient(
                    "ANON54121",
                    Sex.FEMALE,
                    LocalDate.of(1966, 1, 2),
                    List.of(new Dated<>(LocalDate.of(2024, 5, 1), Mass.ofKg(64))),
                    List.of());
            s.records()
                    .create(
                            ClinicalKinds.PATIENT,
                            new PatientRecord(
                                    p,
                                    "John Doe",
                                    new PrimaryTumour(TumourSite.PANCREAS, Grade.G1, Optional.empty()),
                                    List.of(),
                                    List.of(new Dated<>(LocalDate.of(2024, 5, 1), new PerformanceStatus.Ecog(0))),
                                    Optional.empty(),
                                    false),
                            "test");
        }
        Path zip = dir.resolve("NO-7.zip");
        var r = NuclideCommandTest.run(
                "referral",
                "export",
                "--patient",
                "ANON54121",
                "--data-dir",
                from.toString(),
                "--dicom",
                spect().toString(),
                "--zone",
                "Europe/Oslo",
                "--out",
                zip.toString(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("dicomInstances").asInt()).isEqualTo(199);

        r = NuclideCommandTest.run(
                "referral",
                "import",
                zip.toString(),
                "--data-dir",
                to.toString(),
                "--dicom-dir",
                dir.resolve("images").toString(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        try (Store s = Store.open(StoreConfig.embedded(to))) {
            assertThat(s.records()
                            .get(ClinicalKinds.PATIENT, "ANON54121")
                            .value()
                            .name())
                    .isEqualTo("John Doe");
        }

        r = NuclideCommandTest.run(
                "export",
                "fhir",
                "--patient",
                "ANON54121",
                "--data-dir",
                to.toString(),
                "--out",
                dir.resolve("b.json").toString(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("b.json"))).contains("\"resourceType\": \"Bundle\"", "89247-1");

        Path third = dir.resolve("third");
        r = NuclideCommandTest.run(
                "referral", "import", dir.resolve("b.json").toString(), "--data-dir", third.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).at("/records/patient").asInt()).isEqualTo(1);
        try (Store s = Store.open(StoreConfig.embedded(third))) {
            assertThat(s.records()
                            .get(ClinicalKinds.PATIENT, "ANON54121")
                            .value()
                            .name())
                    .isEqualTo("John Doe");
        }

        r = NuclideCommandTest.run(
                "referral",
                "export",
                "--patient",
                "NO-404",
                "--data-dir",
                from.toString(),
                "--out",
                dir.resolve("x.zip").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("NO-404");
    }

    /**
     * {@code netra export rrdsr} from one database and {@code netra import rrdsr} into another give the second the
     * first's dispensing and administration; a second import of the same report is refused, naming why.
     */
    @Test
    void rrdsrGoesFromOneNetraToAnother(@TempDir Path dir) throws Exception {
        String zone = "Europe/Oslo";
        LocalDate day = LocalDate.of(2022, 5, 3);
        var course = new StoredCourse("p-sr", LocalDate.of(1958, 2, 1), day, 0, 0.6, java.util.Map.of());
        course.store(dir.resolve("source"));
        course.store(dir.resolve("target"));
        var dispensing = new org.netra.clinical.therapy.Dispensing(
                "LU-0503",
                org.netra.physics.quantity.Activity.ofGBq(7.6),
                day.atTime(8, 10),
                org.netra.physics.quantity.Activity.ofMBq(120),
                day.atTime(10, 40));
        try (Store source = Store.open(StoreConfig.embedded(dir.resolve("source")))) {
            source.records()
                    .create(
                            ClinicalKinds.DISPENSING,
                            new org.netra.store.clinical.DispensingRecord(
                                    org.netra.store.clinical.DispensingRecord.idOf(course.courseId(), 1),
                                    "p-sr",
                                    course.courseId(),
                                    1,
                                    dispensing),
                            "t");
            source.records()
                    .create(
                            ClinicalKinds.ADMINISTRATION,
                            new org.netra.store.clinical.AdministrationRecord(
                                    org.netra.store.clinical.AdministrationRecord.idOf(course.courseId(), 1),
                                    "p-sr",
                                    course.courseId(),
                                    1,
                                    day.atTime(9, 5),
                                    Optional.empty(),
                                    Optional.empty(),
                                    List.of()),
                            "t");
        }
        Path sr = dir.resolve("rrdsr.dcm");
        var out = NuclideCommandTest.run(
                "export",
                "rrdsr",
                "--patient",
                "p-sr",
                "--cycle",
                "1",
                "--zone",
                zone,
                "--out",
                sr.toString(),
                "--data-dir",
                dir.resolve("source").toString(),
                "--json");
        assertThat(out.exit()).as(out.err()).isZero();
        assertThat(JSON.readTree(out.out()).get("kind").asText()).isEqualTo("rrdsr");
        assertThat(DicomFile.read(sr).dataset().string(Tag.MODALITY)).contains("SR");

        // no --cycle: the planned cycle on the report's day
        var in = NuclideCommandTest.run(
                "import",
                "rrdsr",
                sr.toString(),
                "--zone",
                zone,
                "--data-dir",
                dir.resolve("target").toString(),
                "--json");
        assertThat(in.exit()).as(in.err()).isZero();
        JsonNode j = JSON.readTree(in.out());
        assertThat(j.get("cycle").asInt()).isEqualTo(1);
        assertThat(j.get("warnings")).isEmpty();
        try (Store target = Store.open(StoreConfig.embedded(dir.resolve("target")))) {
            assertThat(target.records()
                            .get(
                                    ClinicalKinds.DISPENSING,
                                    org.netra.store.clinical.DispensingRecord.idOf(course.courseId(), 1))
                            .value()
                            .dispensing())
                    .isEqualTo(dispensing);
        }
        var again = NuclideCommandTest.run(
                "import",
                "rrdsr",
                sr.toString(),
                "--zone",
                zone,
                "--data-dir",
                dir.resolve("target").toString());
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("already has a dispensing");
    }

    /**
     * {@code netra export doses-fhir} of a cycle with dosimetry, then {@code netra import doses-fhir} into a netra
     * where the cycle has none: the second holds the same kidney and marrow doses; importing again is refused.
     */
    @Test
    void absorbedDosesGoFromOneNetraToAnotherAsFhir(@TempDir Path dir) throws Exception {
        LocalDate day = LocalDate.of(2022, 5, 3);
        new StoredCourse("p-dose", LocalDate.of(1958, 2, 1), day, 1, 0.6, java.util.Map.of())
                .store(dir.resolve("source"));
        var empty = new StoredCourse("p-dose", LocalDate.of(1958, 2, 1), day, 0, 0.6, java.util.Map.of());
        empty.store(dir.resolve("target"));
        Path bundle = dir.resolve("doses.json");
        var out = NuclideCommandTest.run(
                "export",
                "doses-fhir",
                "--patient",
                "p-dose",
                "--cycle",
                "1",
                "--zone",
                "Europe/Oslo",
                "--out",
                bundle.toString(),
                "--data-dir",
                dir.resolve("source").toString());
        assertThat(out.exit()).as(out.err()).isZero();
        assertThat(out.out()).contains("absorbed doses of cycle 1 of p-dose");
        assertThat(java.nio.file.Files.readString(bundle)).contains("\"code\": \"73569-6\"", "\"code\": \"Gy\"");

        var in = NuclideCommandTest.run(
                "import",
                "doses-fhir",
                bundle.toString(),
                "--zone",
                "Europe/Oslo",
                "--data-dir",
                dir.resolve("target").toString(),
                "--json");
        assertThat(in.exit()).as(in.err()).isZero();
        assertThat(JSON.readTree(in.out()).get("cycle").asInt()).isEqualTo(1);
        try (Store source = Store.open(StoreConfig.embedded(dir.resolve("source")));
                Store target = Store.open(StoreConfig.embedded(dir.resolve("target")))) {
            var sent = source.records()
                    .list(ClinicalKinds.DOSIMETRY)
                    .getFirst()
                    .value()
                    .dosimetry();
            var got = target.records()
                    .list(ClinicalKinds.DOSIMETRY)
                    .getFirst()
                    .value()
                    .dosimetry();
            assertThat(got.kidneyDose().inGy())
                    .isCloseTo(sent.kidneyDose().inGy(), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(got.marrowDose().inGy())
                    .isCloseTo(sent.marrowDose().inGy(), org.assertj.core.api.Assertions.within(1e-12));
            assertThat(got.administered().inMBq())
                    .isCloseTo(sent.administered().inMBq(), org.assertj.core.api.Assertions.within(1e-9));
        }
        var again = NuclideCommandTest.run(
                "import",
                "doses-fhir",
                bundle.toString(),
                "--data-dir",
                dir.resolve("target").toString());
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("already has dosimetry");
    }
}
