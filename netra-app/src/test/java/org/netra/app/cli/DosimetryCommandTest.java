package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.io.Nifti;
import org.netra.testkit.TestData;

/**
 * {@code netra dosimetry} on the real 177Lu patient (the same figures RealPatientCycleTest pins and
 * docs/dosimetry.md reports), and its refusals of inputs that do not make one cycle.
 */
class DosimetryCommandTest {
    static final String SPECT = "dicom/lu177-dotatate-spect/";

    static String scan(String name) {
        return TestData.path(SPECT + name + "/image").toString();
    }

    static String rtstruct(String scan) throws IOException {
        return firstFile(SPECT + scan + "/mask");
    }

    static String firstFile(String folder) throws IOException {
        try (var files = Files.list(TestData.path(folder))) {
            return files.findFirst().orElseThrow().toString();
        }
    }

    @Test
    void bothLesionsOfTheRealPatient(@TempDir Path dir) throws Exception {
        Path dose = dir.resolve("dose.nii");
        var r = NuclideCommandTest.run(
                "dosimetry",
                "--timepoint",
                scan("SCAN_002"),
                "--timepoint",
                scan("SCAN_001"),
                "--rtstruct",
                rtstruct("SCAN_001"),
                "--dose-out",
                dose.toString(),
                // the figures of docs/dosimetry.md before partial-volume correction
                "--recovery",
                "none",
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("nuclide").asText()).isEqualTo("Lu-177");
        assertThat(j.get("recovery").asText()).isEqualTo("none");
        assertThat(j.get("warnings").findValuesAsText("code"))
                .contains("no-partial-volume-correction", "still-rising", "mostly-extrapolated");
        assertThat(j.get("method").asText()).isEqualTo("voxel-kernel");
        assertThat(j.at("/uncertaintyBudget/calibration").asDouble()).isEqualTo(0.05);
        // earliest first, whatever the order given
        assertThat(j.at("/timePoints/0/hoursAfterInjection").asDouble()).isCloseTo(3.741, within(0.001));
        assertThat(j.at("/timePoints/1/hoursAfterInjection").asDouble()).isCloseTo(27.725, within(0.001));
        assertThat(j.at("/registrations/0/nmi").asDouble())
                .isGreaterThan(j.at("/registrations/0/initialNmi").asDouble());
        JsonNode l1 = j.at("/rois/0");
        assertThat(l1.get("name").asText()).isEqualTo("lesion1 liver R lobe");
        assertThat(l1.get("massG").asDouble()).isCloseTo(111.26, within(0.01));
        assertThat(l1.get("fitRule").asText()).isEqualTo("TWO_POINTS_NOT_CLEARING");
        assertThat(l1.get("effectiveHalfLifeH").asDouble()).isCloseTo(159.53, within(0.01));
        assertThat(l1.get("timeIntegratedActivityMBqH").asDouble()).isCloseTo(35_017, within(40.0));
        // with the long-range photon kernel since issue 16/20 (26.62 Gy before: RealPatientCycleTest says why)
        assertThat(l1.get("doseHow").asText()).contains("voxel S-value kernel + long-range photon kernel");
        assertThat(l1.get("absorbedDoseGy").asDouble()).isCloseTo(27.31, within(0.02));
        assertThat(l1.get("absorbedDoseSdGy").asDouble()).isCloseTo(6.42, within(0.01));
        assertThat(l1.get("role").asText()).isEqualTo("tumour");
        assertThat(l1.get("bedGy").asDouble()).isCloseTo(28.01, within(0.03));
        assertThat(l1.get("bedTissue").asText()).contains("tumour").contains("α/β 10 Gy");
        assertThat(l1.at("/dvh/d98Gy").asDouble())
                .isLessThan(l1.at("/dvh/d50Gy").asDouble());
        assertThat(j.at("/rois/1/absorbedDoseGy").asDouble()).isCloseTo(36.42, within(0.04));
        var map = Nifti.read(dose);
        assertThat(new int[] {
                    map.geometry().nx(), map.geometry().ny(), map.geometry().nz()
                })
                .containsExactly(256, 256, 199);
        float max = 0;
        for (float v : map.values()) {
            max = Math.max(max, v);
        }
        assertThat((double) max).isGreaterThanOrEqualTo(l1.at("/dvh/maxGy").asDouble() - 1e-3);
    }

    @Test
    void organSValuesGiveOneDosePerVoiAndNoMap(@TempDir Path dir) throws Exception {
        var r = NuclideCommandTest.run(
                "dosimetry",
                "--timepoint",
                scan("SCAN_001"),
                "--rtstruct",
                rtstruct("SCAN_001"),
                "--method",
                "organ-s",
                "--dose-out",
                dir.resolve("d.nii").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--dose-out").contains("organ-s");
        var ok = NuclideCommandTest.run(
                "dosimetry",
                "--timepoint",
                scan("SCAN_001"),
                "--rtstruct",
                rtstruct("SCAN_001"),
                "--method",
                "organ-s");
        assertThat(ok.exit()).as(ok.err()).isZero();
        // one scan: the population method by default, with its interval and assumptions
        assertThat(ok.out())
                .contains("single time point (population prior")
                .contains("credible interval")
                .contains("one scan fixes only the amplitude")
                .contains("sphere model");
        var hanscheid = NuclideCommandTest.run(
                "dosimetry",
                "--timepoint",
                scan("SCAN_001"),
                "--rtstruct",
                rtstruct("SCAN_001"),
                "--method",
                "organ-s",
                "--stp",
                "hanscheid");
        assertThat(hanscheid.exit()).as(hanscheid.err()).isZero();
        assertThat(hanscheid.out())
                .contains("single time point (Hänscheid 2018)")
                .contains("hanscheid (no interval)");
        var bad = NuclideCommandTest.run(
                "dosimetry", "--timepoint", scan("SCAN_001"), "--rtstruct", rtstruct("SCAN_001"), "--stp", "guess");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--stp");
    }

    /** --recovery gtm: each ROI says it was corrected, by how much, and keeps its uncorrected dose. */
    @Test
    void gtmRecoveryIsReportedPerRoi() throws Exception {
        String[] args = {
            "dosimetry",
            "--timepoint",
            scan("SCAN_001"),
            "--rtstruct",
            rtstruct("SCAN_001"),
            "--method",
            "organ-s",
            "--recovery",
            "gtm",
            "--psf-fwhm-mm",
            "15"
        };
        // without a PSF, and the series stating none, the camera class's default is used and said so
        var byDefault = NuclideCommandTest.run(
                "dosimetry", "--timepoint", scan("SCAN_001"), "--rtstruct", rtstruct("SCAN_001"), "--json");
        assertThat(byDefault.exit()).as(byDefault.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(byDefault.out());
        assertThat(d.at("/psf/source").asText()).contains("default for the camera class");
        assertThat(d.at("/psf/fwhmMm").asDouble()).isEqualTo(12.0);
        assertThat(d.at("/rois/0/absorbedDoseSd/partialVolume").asDouble()).isPositive();
        // one scan at 3.7 h by the population method: the interval and the advice to scan nearer the recommended time
        assertThat(d.get("warnings").findValuesAsText("code")).contains("single-point-away-from-recommended-time");
        assertThat(d.at("/rois/0/singlePoint/method").asText()).isEqualTo("population");
        assertThat(d.at("/rois/0/singlePoint/lower90MBqH").asDouble())
                .isLessThan(d.at("/rois/0/timeIntegratedActivityMBqH").asDouble());
        assertThat(d.at("/rois/0/singlePoint/upper90MBqH").asDouble())
                .isGreaterThan(d.at("/rois/0/timeIntegratedActivityMBqH").asDouble());
        var unknown = NuclideCommandTest.run(
                "dosimetry", "--timepoint", scan("SCAN_001"), "--rtstruct", rtstruct("SCAN_001"), "--method", "kernel");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("'kernel'").contains("voxel-kernel");
        var text = NuclideCommandTest.run(args);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("partial-volume correction GTM").contains("partial-volume recovery applied");
        List<String> withJson = new ArrayList<>(List.of(args));
        withJson.add("--json");
        var r = NuclideCommandTest.run(withJson.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("recovery").asText()).contains("15");
        for (JsonNode roi : j.get("rois")) {
            JsonNode rec = roi.get("recovery");
            assertThat(rec.get("recoveryCoefficient").asDouble()).isStrictlyBetween(0.0, 1.0);
            assertThat(roi.get("absorbedDoseGy").asDouble())
                    .isCloseTo(
                            rec.get("uncorrectedAbsorbedDoseGy").asDouble()
                                    * rec.get("tiaFactor").asDouble(),
                            within(1e-9));
            assertThat(rec.get("tiaFactor").asDouble()).isNotCloseTo(1, within(1e-3));
        }
    }

    /** With --ct the VOI's mass comes from the CT (Schneider densities), not from 1.04 g/mL. */
    @Test
    void aCtGivesTheVoisDensity() throws Exception {
        String fdg = "dicom/fdg-pet-sts001/";
        var r = NuclideCommandTest.run(
                "dosimetry",
                "--timepoint",
                TestData.path(fdg + "pet-bqml/image").toString(),
                "--ct",
                TestData.path(fdg + "ct/image").toString(),
                "--rtstruct",
                firstFile(fdg + "pet-bqml/mask"),
                "--method",
                "local-deposition",
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (JsonNode roi : j.get("rois")) {
            double density = roi.get("massG").asDouble() / roi.get("volumeMl").asDouble();
            assertThat(density)
                    .as(roi.get("name").asText())
                    .isBetween(0.95, 1.15)
                    .isNotCloseTo(1.04, within(1e-4));
        }
    }

    @Test
    void aVoiOfAnotherPatientIsOutsideTheImage() throws Exception {
        String foreign = firstFile("dicom/fdg-pet-sts001/pet-bqml/mask");
        var r = NuclideCommandTest.run(
                "dosimetry", "--timepoint", scan("SCAN_001"), "--rtstruct", foreign, "--registration", "none");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("VOI '");
    }

    /**
     * {@code --registration ct} on a digital twin whose 96 h SPECT/CT was taken 5 mm away: the scan's own CT,
     * registered onto the 4 h CT, gives the motion netra-sim drew (ground-truth.json), and the reference CT
     * gives the density. A time point without its CT is refused, naming it.
     */
    @Test
    void ctRegistrationUsesEachScansCt(@TempDir Path dir) throws Exception {
        var sim = NuclideCommandTest.run(
                "simulate", "--out", dir.toString(), "--seed", "7", "--timepoints", "4,96", "--misalign-mm", "5");
        assertThat(sim.exit()).as(sim.err()).isZero();
        String rtstruct = dir.resolve("rtstruct.dcm").toString();
        String spect4 = dir.resolve("cycle-1/spect-004h").toString();
        String spect96 = dir.resolve("cycle-1/spect-096h").toString();
        var r = NuclideCommandTest.run(
                "dosimetry",
                "--timepoint",
                spect96,
                "--timepoint-ct",
                dir.resolve("cycle-1/ct-096h").toString(),
                "--timepoint",
                spect4,
                "--timepoint-ct",
                dir.resolve("cycle-1/ct-004h").toString(),
                "--rtstruct",
                rtstruct,
                "--method",
                "local-deposition",
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        // every scan with its CT and no --registration: auto registers through the CTs
        assertThat(j.get("registration").asText()).isEqualTo("ct");
        assertThat(j.at("/psf/source").asText()).contains("stated by the series");
        assertThat(j.get("registrations")).hasSize(1);
        JsonNode reg = j.at("/registrations/0");
        assertThat(reg.get("source").asText()).isEqualTo(spect96);
        assertThat(reg.get("ncc").asDouble()).isGreaterThan(0.99);
        // the drawn motion is 5 mm; its rotation (≤ 1°) about another centre moves the translation by < 2 mm
        JsonNode truth = new ObjectMapper()
                .readTree(dir.resolve("ground-truth.json").toFile())
                .at("/cycles/0/scans/1");
        assertThat(truth.get("ctFolder").asText()).isEqualTo("cycle-1/ct-096h");
        double found = Math.sqrt(square(reg.at("/translationMm/0").asDouble())
                + square(reg.at("/translationMm/1").asDouble())
                + square(reg.at("/translationMm/2").asDouble()));
        assertThat(found).isCloseTo(5, within(2.0));
        // density from the reference scan's CT: the phantom's tissues, not 1.04 g/mL everywhere
        JsonNode liver = null;
        for (JsonNode roi : j.get("rois")) {
            if (roi.get("name").asText().equals("Liver")) {
                liver = roi;
            }
        }
        assertThat(liver).isNotNull();
        assertThat(liver.get("massG").asDouble() / liver.get("volumeMl").asDouble())
                .isNotCloseTo(1.04, within(1e-3));

        var missing = NuclideCommandTest.run(
                "dosimetry",
                "--timepoint",
                spect4,
                "--timepoint-ct",
                dir.resolve("cycle-1/ct-004h").toString(),
                "--timepoint",
                spect96,
                "--rtstruct",
                rtstruct,
                "--registration",
                "ct");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains(spect96).contains("has no CT").contains("--timepoint-ct");
        var stray = NuclideCommandTest.run(
                "dosimetry",
                "--timepoint",
                spect4,
                "--timepoint-ct",
                dir.resolve("cycle-1/ct-004h").toString(),
                "--timepoint-ct",
                dir.resolve("cycle-1/ct-096h").toString(),
                "--rtstruct",
                rtstruct);
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.err()).contains("has no --timepoint");
    }

    private static double square(double x) {
        return x * x;
    }

    /** A copy of a scan with dcmodify (DCMTK) changes applied to every file. */
    static Path modifiedCopy(Path dir, String scan, String... dcmodifyArgs) throws Exception {
        Path out = Files.createDirectories(dir.resolve(scan));
        List<String> cmd = new ArrayList<>(List.of("dcmodify", "-nb", "-q"));
        cmd.addAll(List.of(dcmodifyArgs));
        try (var files = Files.list(Path.of(scan(scan)))) {
            for (Path f : files.toList()) {
                Path copy = out.resolve(f.getFileName());
                Files.copy(f, copy);
                cmd.add(copy.toString());
            }
        }
        if (new ProcessBuilder("which", "dcmodify").start().waitFor() != 0) {
            TestData.unavailable("DCMTK's dcmodify (Debian dcmtk)");
        }
        assertThat(new ProcessBuilder(cmd).inheritIO().start().waitFor()).isZero();
        return out;
    }

    static NuclideCommandTest.Run withFirstScan(Path second) throws IOException {
        return NuclideCommandTest.run(
                "dosimetry",
                "--timepoint",
                scan("SCAN_001"),
                "--timepoint",
                second.toString(),
                "--rtstruct",
                rtstruct("SCAN_001"));
    }

    @Test
    void scansOfAnotherPatientAreRefused(@TempDir Path dir) throws Exception {
        Path other = modifiedCopy(dir, "SCAN_002", "-m", "(0010,0020)=SOMEONE-ELSE");
        var r = withFirstScan(other);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("different patients").contains("SOMEONE-ELSE");
    }

    @Test
    void scansOfAnotherNuclideAreRefused(@TempDir Path dir) throws Exception {
        Path other = modifiedCopy(
                dir,
                "SCAN_002",
                "-m",
                "(0054,0016)[0].(0054,0300)[0].(0008,0104)=90 Yttrium",
                "-m",
                "(0054,0016)[0].(0018,1075)=230760");
        var r = withFirstScan(other);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("different nuclides").contains("Y-90").contains("Lu-177");
    }

    /** A scan that does not name its nuclide is refused with a typed error, never taken for Lu-177. */
    @Test
    void aScanWithoutItsNuclideIsRefused(@TempDir Path dir) throws Exception {
        Path bare = modifiedCopy(dir, "SCAN_001", "-ea", "(0054,0016)[0].(0054,0300)");
        var r = NuclideCommandTest.run("dosimetry", "--timepoint", bare.toString(), "--rtstruct", rtstruct("SCAN_001"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(bare.toString()).contains("does not name its radionuclide");
    }

    @Test
    void aScanWithoutInjectionIsRefused(@TempDir Path dir) throws Exception {
        Path bare = modifiedCopy(dir, "SCAN_001", "-ea", "(0054,0016)");
        var r = NuclideCommandTest.run("dosimetry", "--timepoint", bare.toString(), "--rtstruct", rtstruct("SCAN_001"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(bare.toString()).contains("injection");
    }
}
