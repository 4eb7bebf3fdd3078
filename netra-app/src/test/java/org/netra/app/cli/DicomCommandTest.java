package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.testkit.PatientMedia;
import org.netra.testkit.TestData;

/** {@code netra dicom info} against the facts published with the 177Lu SPECT data (shared/data README). */
class DicomCommandTest {
    @Test
    void spectTimePointIsOneImageSeriesAndOneStructureSet() throws Exception {
        var r = NuclideCommandTest.run(
                "dicom",
                "info",
                TestData.path("dicom/lu177-dotatate-spect/SCAN_001").toString(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("series")).hasSize(2);
        JsonNode spect = null;
        for (JsonNode s : j.get("series")) {
            if (s.get("files").asInt() > 1) {
                spect = s;
            }
        }
        assertThat(spect).isNotNull();
        assertThat(spect.get("modality").asText()).isEqualTo("PT");
        assertThat(spect.get("sopClass").asText()).isEqualTo("Positron Emission Tomography Image Storage");
        assertThat(spect.get("rows").asInt()).isEqualTo(256);
        assertThat(spect.get("columns").asInt()).isEqualTo(256);
        assertThat(spect.get("frames").asInt()).isEqualTo(199);
        assertThat(spect.get("files").asInt()).isEqualTo(199);
        assertThat(spect.at("/pixelSpacingMm/0").asDouble()).isCloseTo(1.953, within(0.001));
        assertThat(spect.get("sliceSpacingMm").asDouble()).isCloseTo(1.953, within(0.001));
        assertThat(spect.get("units").asText()).isEqualTo("BQML");
        assertThat(spect.get("decayCorrection").asText()).isEqualTo("ADMIN");
        assertThat(spect.get("injectedMBq").asDouble()).isCloseTo(7210, within(1.0));
        assertThat(spect.get("injectionDateTime").asText()).startsWith("2018-11-15T09:22");
        assertThat(j.get("skipped")).isEmpty();
    }

    @Test
    void nonDicomFilesAreSkippedWithANote(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.copy(TestData.path("dicom/samples/GH610.dcm"), dir.resolve("GH610.dcm"));
        var r = NuclideCommandTest.run("dicom", "info", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("PT Positron Emission Tomography Image Storage")
                .contains("units PROPCPS");
        assertThat(r.out()).contains("skipped " + dir.resolve("notes.txt") + ": not DICOM");
    }

    @Test
    void aDicomdirListsItsPatientsStudiesAndSeries(@TempDir Path dir) throws Exception {
        Path dicomdir = PatientMedia.make(dir);
        var r = NuclideCommandTest.run("dicom", "info", dicomdir.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("patients")).hasSize(2);
        assertThat(j.get("series")).hasSize(2);
        JsonNode spectPatient = null;
        for (JsonNode p : j.get("patients")) {
            if (p.get("name").asText().equals("DOE^JOHN")) {
                spectPatient = p;
            }
        }
        // the anonymised name and ID of the SPECT files (dcmdump prints the same)
        assertThat(spectPatient).isNotNull();
        assertThat(spectPatient.get("id").asText()).isEqualTo("ANON54121");
        assertThat(spectPatient.at("/studies/0/date").asText()).isEqualTo("2018-11-15");
        var text = NuclideCommandTest.run("dicom", "info", dir.toString());
        assertThat(text.out())
                .contains("patient DOE^JOHN (ID ANON54121)")
                .contains("PT Positron Emission Tomography Image Storage")
                .contains("CT CT Image Storage");
    }

    @Test
    void unreadableInputExitsTwoNamingTheFile(@TempDir Path dir) throws Exception {
        Path random = dir.resolve("random.bin");
        byte[] noise = new byte[4096];
        new java.util.Random(18).nextBytes(noise);
        Files.write(random, noise);
        var r = NuclideCommandTest.run("dicom", "info", random.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(random.toString()).contains("not DICOM");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        r = NuclideCommandTest.run("dicom", "info", empty.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(empty + " holds no files");
    }

    @Test
    void aFileCutShortInItsPixelDataIsNotListedAsASeries(@TempDir Path dir) throws Exception {
        byte[] ct = Files.readAllBytes(TestData.path("dicom/samples/CT-MONO2-16-ankle.dcm"));
        Path cut = dir.resolve("cut.dcm");
        Files.write(cut, java.util.Arrays.copyOf(ct, ct.length / 2));
        var r = NuclideCommandTest.run("dicom", "info", cut.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(cut.toString()).contains("(7FE0,0010) declares");

        Files.copy(TestData.path("dicom/samples/GH610.dcm"), dir.resolve("GH610.dcm"));
        r = NuclideCommandTest.run("dicom", "info", dir.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("series")).hasSize(1);
        assertThat(j.at("/skipped/0/file").asText()).isEqualTo(cut.toString());
    }
}
