package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.therapy.TherapyFixture;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.interop.dicom.RtStructExport;
import org.netra.interop.dicom.SourceSeries;
import org.netra.testkit.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The department's work on one real patient, in Debian's Chromium on an empty database, every role signing in
 * for its part as the department's clock moves on: the administrator saves the eligibility limits; the
 * physician registers the patient whose 177Lu-DOTATATE SPECT is in the reference data (identity read from the
 * DICOM), records the SRS read; the nurse enters labs; the physician assesses eligibility, plans the course and
 * approves cycle 1 on the SPECT's injection day; the nurse records the infusion, the radiopharmacist the
 * dispensing (the administered activity within 0.1 % of the SPECT's), the nurse the dose rates up to release
 * and the sheet; the physicist uploads the real SPECT with VOIs, runs the job and attaches it to cycle 1; the
 * physician records toxicity and a RECIST read and opens the cohort. Nothing is put into the store: every
 * record is made by a form. Screenshots in target/screenshots (w-*.png).
 */
class DepartmentBrowserTest {
    static final DateTimeFormatter DICOM_DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /**
     * The physicist's VOIs besides the two liver lesions the data set brings: spheres on the first scan's
     * frame of reference, centred where the first scan shows the kidneys (the centroid of the voxels above half
     * the 99.5th percentile in a box around each kidney on its coronal MIP) and the L1–L2 vertebral body
     * between them. Patient coordinates in mm (DICOM LPS), radius in mm.
     */
    record Sphere(String name, double x, double y, double z, double radiusMm) {}

    static final List<Sphere> DRAWN = List.of(
            new Sphere("Kidney_R", -81.7, -130.1, 1334.2, 20),
            new Sphere("Kidney_L", 93.4, -136.1, 1315.5, 20),
            new Sphere("Marrow_L2", 1.0, -97.5, 1324.9, 10));

    private static TherapyFixture.TestClock clock;
    private static BrowserSession b;
    private static Path spect;
    private static Attributes header;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        spect = TestData.path("dicom/lu177-dotatate-spect");
        try (Stream<Path> files = Files.list(spect.resolve("SCAN_001/image"))) {
            header = DicomFile.read(files.sorted().findFirst().orElseThrow(), DicomFile.Extent.HEADER)
                    .dataset();
        }
        clock = new TherapyFixture.TestClock(LocalDateTime.of(2018, 10, 29, 8, 0));
        b = BrowserSession.open(TestServer.custom(null, s -> s.clock(clock)), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void everyRoleCarriesOneRealPatientFromRegistrationToTheCohort() throws Exception {
        // who the images say the patient is, and the therapy they record
        String mrn = header.string(Tag.PATIENT_ID).orElseThrow();
        String[] pn = header.string(Tag.PATIENT_NAME).orElseThrow().split("\\^");
        String name = title(pn[0]) + ", " + title(pn[1]);
        // the data set is anonymised without a birth date: the identity check then compares ID and name only,
        // so any birth date will do; this one is invented
        assertThat(header.string(Tag.PATIENT_BIRTH_DATE)).isEmpty();
        String birthDate = "1956-03-10";
        String sex = header.string(Tag.PATIENT_SEX).orElseThrow().equals("M") ? "male" : "female";
        long heightCm = Math.round(header.decimal(Tag.PATIENT_SIZE).orElseThrow() * 100);
        long weightKg = Math.round(header.decimal(Tag.PATIENT_WEIGHT).orElseThrow());
        Attributes pharm =
                header.sequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE).getFirst();
        LocalDateTime injection = LocalDateTime.parse(
                pharm.string(Tag.RADIOPHARMACEUTICAL_START_DATE_TIME)
                        .orElseThrow()
                        .substring(0, 14),
                DICOM_DATE_TIME);
        double injectedGBq = pharm.decimal(Tag.RADIONUCLIDE_TOTAL_DOSE).orElseThrow() / 1e9;
        assertThat(injection).isEqualTo(LocalDateTime.of(2018, 11, 15, 9, 22));
        LocalDate day = injection.toLocalDate();

        // the administrator saves the department's limits: version 1, which the verdict will name
        b.signIn("admin");
        b.get("/admin/eligibility");
        b.waitFor("ki67");
        b.click("save");
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("lead"), "Saved as version 1"));
        b.shot("w-01-admin-eligibility-limits");

        // the physician registers the patient as the images name him, with the hospital's number as MRN
        b.signIn("physician");
        b.get("/patients");
        b.click("register-patient");
        b.waitFor("name");
        b.type("name", name);
        b.set("birthDate", birthDate);
        b.choose("sex", sex);
        b.type("mrn", mrn);
        b.type("heightCm", Long.toString(heightCm));
        b.type("weightKg", Long.toString(weightKg));
        b.choose("site", "small_intestine");
        b.choose("grade", "g2");
        b.type("ki67", "6");
        b.set("ki67Date", "2018-09-20");
        b.choose("ecog", "0");
        b.shot("w-02-register");
        b.click("save");
        b.waitFor("enter-labs");
        String pid = b.driver.getCurrentUrl().replaceAll(".*/patients/([^?#/]+).*", "$1");
        assertThat(pid).isEqualTo("P-0001");
        b.shot("w-03-chart-registered");

        // the SRS read: 111In-pentetreotide three weeks before, the liver lesions graded by the reader
        b.get("/patients/" + pid + "/treatments/new");
        b.waitFor("therapy");
        b.choose("therapy", "somatostatin_analogue");
        b.set("start", "2017-05-02");
        b.type("detail", "octreotide LAR 30 mg every 4 weeks");
        b.click("save");
        b.waitFor("enter-labs");
        b.click("record-srs");
        b.waitFor("injection");
        b.set("injection", "2018-10-22T09:00");
        b.type("lesion1Organ", "liver right lobe");
        b.choose("lesion1Krenning", "4");
        b.type("lesion2Organ", "liver left lateral segment");
        b.choose("lesion2Krenning", "3");
        b.click("save");
        b.waitFor("lesions");
        assertThat(b.text("reads")).contains("injection 2018-10-22 09:00");
        b.shot("w-04-srs-read");

        // a week before the therapy the nurse enters the blood draw in the lab's units
        b.signInAt("nurse", LocalDateTime.of(2018, 11, 8, 11, 0));
        b.get("/patients/" + pid);
        assertThat(b.driver.findElements(By.id("record-srs")))
                .as("no SRS form for a nurse")
                .isEmpty();
        b.click("enter-labs");
        b.waitFor("haemoglobin");
        b.set("sampled", "2018-11-08");
        b.type("haemoglobin", "132");
        b.choose("haemoglobinUnit", "g/L");
        b.type("platelets", "215");
        b.type("leukocytes", "6.1");
        b.type("neutrophils", "3.8");
        b.type("creatinine", "0.9");
        b.choose("creatinineUnit", "mg/dL");
        b.type("bilirubin", "9");
        b.type("albumin", "41");
        b.type("alt", "22");
        b.type("ast", "27");
        b.type("chromograninA", "1250");
        b.click("save");
        b.waitFor("egfr");
        // CKD-EPI 2021, a man of 62, creatinine 0.9 mg/dL (= κ): 142 × 0.9938^62 = 96.57 → 97 (by hand)
        assertThat(b.text("egfr")).isEqualTo("97");
        b.shot("w-05-labs");

        // the physician assesses eligibility with the department's limits and plans the course
        b.signInAt("physician", LocalDateTime.of(2018, 11, 12, 9, 0));
        b.get("/patients/" + pid);
        b.click("assess-eligibility");
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("eligibility"), "version 1"));
        assertThat(b.text("eligibility")).doesNotContain("not eligible");
        b.shot("w-06-eligibility-assessed");
        b.set("firstCycle", injection.toString());
        b.click("plan-course");
        b.waitFor("cycle-1");
        assertThat(b.text("plan")).contains(day.toString());
        b.driver.executeScript("document.getElementById('plan').scrollIntoView({block: 'start'})");
        b.shot("w-07-course-planned");

        // on the injection day: the physician approves cycle 1, its isolation room booked with it
        b.signInAt("physician", injection.minusHours(2));
        b.get("/patients/" + pid + "/cycles/1");
        b.waitForHeading("Cycle 1 of 4");
        b.type("note", "labs and eligibility within the department's limits");
        b.click("approve-cycle");
        b.waitForStatus("approved");
        assertThat(b.text("approval")).contains("approved by physician");
        b.shot("w-08-cycle-1-approved");

        // the nurse records the infusion at the SPECT's injection time and the first reading
        b.signInAt("nurse", injection.plusMinutes(50));
        b.get("/patients/" + pid + "/cycles/1");
        b.set("isolationStart", "2018-11-15T09:05");
        b.set("administered", injection.toString());
        b.click("save-administration");
        b.waitForStatus("saved");
        b.set("at", "2018-11-15T10:00");
        b.retype("rate", "21");
        b.click("add-reading");
        b.waitForStatus("reading");
        b.shot("w-09-administration");

        // the radiopharmacist: the dose as calibrated, the syringe's residual after the injection
        b.signInAt("radiopharmacist", injection.plusMinutes(60));
        b.driver.findElement(By.linkText("Radiopharmacy")).click();
        b.waitForHeading("Radiopharmacy");
        assertThat(b.driver.findElement(By.cssSelector("table.data")).getText()).contains(name);
        b.driver.findElement(By.linkText("cycle 1")).click();
        b.waitFor("save-dispensing");
        b.retype("batch", "LU-1811-042");
        b.retype("calibrated", "7.30");
        b.set("calibratedAt", "2018-11-15T08:00");
        b.retype("residual", "40");
        b.set("residualMeasuredAt", "2018-11-15T09:50");
        b.click("save-dispensing");
        b.waitFor("administered-activity");
        // 7.30·2^(−82 min/159.528 h) − 0.040·2^(28 min/159.528 h) = 7.2167 GBq; the images say 7.2104 GBq
        assertThat(b.text("administered-activity")).isEqualTo("7.217 GBq");
        assertThat(Math.abs(7.2167 / injectedGBq - 1)).isLessThan(0.001);
        b.shot("w-10-dispensed");

        // two days on: the nurse's readings from 24 h release the patient; the sheet follows from them
        b.signInAt("nurse", LocalDateTime.of(2018, 11, 17, 10, 0));
        b.get("/patients/" + pid + "/cycles/1");
        b.set("at", "2018-11-16T09:30");
        b.retype("rate", "9.0");
        b.click("add-reading");
        b.waitForStatus("reading");
        b.set("at", "2018-11-17T09:30");
        b.retype("rate", "6.3");
        b.click("add-reading");
        b.waitForStatus("reading");
        assertThat(b.text("release")).contains("releasable").contains("2018-11-20");
        b.set("isolationEnd", "2018-11-17T09:45");
        b.click("save-administration");
        b.waitForStatus("saved");
        b.driver.executeScript("document.getElementById('release').scrollIntoView({block: 'start'})");
        b.shot("w-11-released");
        b.click("safety-sheet");
        b.waitFor("print");
        assertThat(b.driver.findElement(By.cssSelector(".sheet")).getText())
                .doesNotContain("Not yet releasable")
                .contains("6.3 µSv/h")
                // the restrictions counted from the release reading (2018-11-17), as the cycle page counts them
                .contains("2018-11-20")
                .doesNotContain("2018-11-18");
        b.shot("w-12-safety-sheet");

        // the physicist: the real SPECT at 3.7 h and 27.7 h with the VOIs, measured and attached to cycle 1
        b.signInAt("physicist", LocalDateTime.of(2018, 11, 17, 11, 0));
        Path zip = b.profile().resolve("cycle-1.zip");
        Files.write(zip, zipWithVois(b.profile()));
        b.driver.findElement(By.linkText("Dosimetry jobs")).click();
        b.find("zip").sendKeys(zip.toString());
        b.choose("method", "local-deposition");
        b.click("start-job");
        b.waitFor("upload-series");
        assertThat(b.driver.findElements(By.cssSelector("input[name=timepoint]:checked")))
                .hasSize(2);
        assertThat(b.driver.findElements(By.cssSelector("input[name=voi]:checked")))
                .hasSize(5);
        b.shot("w-13-upload-time-points-and-vois");
        b.click("start-job");
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, Duration.ofMinutes(5))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("job-result")));
        b.waitFor("attach-cycle");
        assertThat(b.text("job-result"))
                .contains("Kidney_L")
                .contains("Marrow_L2")
                .contains("lesion1 liver R lobe");
        b.shot("w-14-dosimetry-job-done");
        b.type("attach-cycle", "1");
        b.click("attach-job");
        // attached, the physicist lands on the cycle's dosimetry page; refused, the job page says why
        b.wait.until(d -> d.getCurrentUrl().endsWith("/patients/" + pid + "/dosimetry/1")
                || !d.findElements(By.id("job-error")).isEmpty());
        assertThat(b.driver.findElements(By.id("job-error")))
                .as(
                        "attachment refused: %s",
                        b.driver.findElements(By.id("job-error")).stream()
                                .map(e -> e.getText())
                                .toList())
                .isEmpty();
        b.waitForHeading("Dosimetry, cycle 1");
        assertThat(b.driver.findElement(By.cssSelector("table.data")).getText())
                .contains("kidneys")
                .contains("lesion1 liver R lobe");
        b.shot("w-15-cycle-1-dosimetry");

        // three months on: the physician records an adverse event and RECIST reads
        b.signInAt("physician", LocalDateTime.of(2019, 2, 20, 9, 0));
        b.get("/patients/" + pid);
        b.click("follow-up-link");
        b.waitForHeading("Follow-up");
        b.choose("term", "myelodysplastic_syndrome");
        // CTCAE v5.0 has MDS at grades 4 and 5 only: the grade list offers no other
        assertThat(new org.openqa.selenium.support.ui.Select(b.find("grade"))
                        .getOptions().stream()
                                .filter(o -> o.isEnabled())
                                .map(o -> o.getAttribute("value"))
                                .toList())
                .containsExactly("4", "5");
        b.choose("term", "nausea");
        b.choose("grade", "1");
        b.set("onset", "2018-11-15");
        b.set("resolved", "2018-11-17");
        b.click("save-event");
        b.waitForStatus("event");
        b.set("date", "2018-11-01");
        b.type("lesions", "liver-1, liver, 42\nliver-2, liver, 25");
        b.click("save-baseline");
        b.waitForStatus("baseline");
        b.set("date", "2019-02-15");
        b.type("measurements", "liver-1 = 29\nliver-2 = 17");
        b.choose("nonTargets", "NONE_AT_BASELINE");
        b.click("save-read");
        b.waitForStatus("read");
        // 67 → 46 mm (−31 %): a partial response (RECIST 1.1: at least −30 %)
        assertThat(b.text("reads")).contains("PR");
        b.shot("w-16-follow-up");

        b.driver.findElement(By.linkText("Cohort")).click();
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-drawn=yes]")));
        assertThat(b.text("at-risk")).contains("progression-free survival");
        b.shot("w-17-cohort");
        b.assertQuiet(e -> false);
    }

    /**
     * The upload a physicist makes: one folder per scan and one RTSTRUCT with the data set's two lesions and the
     * VOIs drawn on the first scan ({@link #DRAWN}), written by netra's RTSTRUCT export.
     */
    static byte[] zipWithVois(Path work) throws IOException {
        var first = SeriesAssembler.assemble(spect.resolve("SCAN_001/image"));
        Geometry grid = first.volume().geometry();
        Path original;
        try (Stream<Path> files = Files.list(spect.resolve("SCAN_001/mask"))) {
            original = files.findFirst().orElseThrow();
        }
        List<Mask> masks = new ArrayList<>(RtStruct.read(original).rasterise(grid));
        for (Sphere s : DRAWN) {
            masks.add(sphere(s, grid));
        }
        Path rt = work.resolve("vois.dcm");
        DicomWriter.write(
                rt,
                RtStructExport.toDataset(
                        masks.stream()
                                .map(m -> new RtStructExport.Voi(m, m.name().startsWith("lesion") ? "GTV" : "ORGAN"))
                                .toList(),
                        SourceSeries.of(first),
                        "physicist's VOIs"));
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (String scan : new String[] {"SCAN_001", "SCAN_002"}) {
                try (Stream<Path> files = Files.list(spect.resolve(scan).resolve("image"))) {
                    for (Path f : files.sorted().toList()) {
                        zip.putNextEntry(new ZipEntry(scan + "/" + f.getFileName()));
                        zip.write(Files.readAllBytes(f));
                    }
                }
            }
            zip.putNextEntry(new ZipEntry("voi/vois.dcm"));
            zip.write(Files.readAllBytes(rt));
        }
        return bytes.toByteArray();
    }

    private static Mask sphere(Sphere s, Geometry grid) {
        boolean[] in = new boolean[grid.voxelCount()];
        double[] p = new double[3];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    grid.indexToWorld(i, j, k, p);
                    double dx = p[0] - s.x(), dy = p[1] - s.y(), dz = p[2] - s.z();
                    in[grid.index(i, j, k)] = dx * dx + dy * dy + dz * dz <= s.radiusMm() * s.radiusMm();
                }
            }
        }
        return Mask.of(s.name(), grid, in);
    }

    private static String title(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
