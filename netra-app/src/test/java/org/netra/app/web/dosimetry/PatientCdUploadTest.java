package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.testkit.ExternalTool;
import org.netra.testkit.PatientMedia;
import org.netra.testkit.TestData;

/**
 * A physicist uploads a patient CD (zip of a DICOMDIR written by DCMTK's dcmmkdir and one flat folder of the
 * real 177Lu SPECT's two time points and RTSTRUCT): netra lists the series by the DICOMDIR's patient, study and
 * series records, as pydicom reads that DICOMDIR, and a job on one chosen series gives the same dose as the same
 * series uploaded as a folder.
 */
class PatientCdUploadTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One series record as pydicom reads the DICOMDIR: patient id, study date, modality, UID, image count. */
    record ReferenceSeries(String patientId, String studyDate, String modality, String uid, int files) {}

    @Test
    void aPatientCdIsListedByItsDicomDirAndItsSeriesRunLikeFolders(@TempDir Path tmp) throws Exception {
        Path cd = Files.createDirectories(tmp.resolve("CD"));
        Path dicomdir = PatientMedia.makeCycle(cd);
        List<ReferenceSeries> reference = pydicomSeries(dicomdir);
        List<ReferenceSeries> emission = reference.stream()
                .filter(s -> s.modality().equals("PT") || s.modality().equals("NM"))
                .toList();
        assertThat(emission).as("the CD holds both SPECT time points").hasSize(2);

        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        physicist.get("/dosimetry/jobs");
        var uploaded = physicist.send(
                DosimetryJobTest.upload(physicist, "/dosimetry/jobs", zipUnder(cd, "CD"), "local-deposition"));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        String choose = uploaded.headers().firstValue("Location").orElseThrow();
        String uploadId = choose.substring(choose.lastIndexOf('/') + 1);
        String page = physicist.get(choose).body();

        // the page lists the DICOMDIR's series, by its patient and study, in its order
        List<String> timePoints = values(page, "name=\"timepoint\" value=\"([^\"]+)\"");
        assertThat(timePoints).hasSize(emission.size());
        assertThat(page)
                .contains("class=\"series-patient\">DOE JOHN ("
                        + emission.getFirst().patientId() + ")")
                .contains("class=\"series-study\">2018-11-15");
        var upload = server.app.jobs().upload(uploadId, "physicist").orElseThrow();
        for (int i = 0; i < emission.size(); i++) {
            // each listed series is a folder of exactly the DICOMDIR's files of that series
            Path folder = upload.dir().resolve(timePoints.get(i));
            Set<String> uids = new HashSet<>();
            int count = 0;
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    uids.add(DicomFile.read(f, DicomFile.Extent.HEADER)
                            .dataset()
                            .string(Tag.SERIES_INSTANCE_UID)
                            .orElseThrow());
                    count++;
                }
            }
            assertThat(uids).containsExactly(emission.get(i).uid());
            assertThat(count).isEqualTo(emission.get(i).files());
        }
        assertThat(upload.rtstruct()).isRegularFile();
        List<String> vois = values(page, "name=\"voi\" value=\"([^\"]+)\"");
        assertThat(vois).hasSize(2);

        // the second time point and the first VOI, chosen on the page
        var started = physicist.postFormFields(
                choose + "/start", List.of(Map.entry("timepoint", timePoints.get(1)), Map.entry("voi", vois.get(0))));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String jobPage = started.headers().firstValue("Location").orElseThrow();
        String cdJob = jobPage.substring(jobPage.lastIndexOf('/') + 1);

        // the same series as a folder upload: SCAN_002, the second series the DICOMDIR lists
        try (Stream<Path> scan2 = Files.list(TestData.path("dicom/lu177-dotatate-spect/SCAN_002/image"))) {
            Path first = scan2.findFirst().orElseThrow();
            assertThat(DicomFile.read(first, DicomFile.Extent.HEADER).dataset().string(Tag.SERIES_INSTANCE_UID))
                    .contains(emission.get(1).uid());
        }
        var folderJob = physicist.send(DosimetryJobTest.upload(
                physicist,
                "/api/dosimetry/jobs",
                DosimetryJobTest.zip(TestData.path("dicom/lu177-dotatate-spect")),
                "local-deposition",
                Map.of("timepoints", "SCAN_002", "vois", vois.get(0))));
        assertThat(folderJob.statusCode()).as(folderJob.body()).isEqualTo(202);
        var json = new ObjectMapper();
        String folderId = json.readTree(folderJob.body()).get("id").asText();
        assertThat(server.app.jobs().awaitIdle(java.time.Duration.ofMinutes(10)))
                .isTrue();
        var fromCd = json.readTree(physicist.get("/api/dosimetry/jobs/" + cdJob).body());
        var fromFolder =
                json.readTree(physicist.get("/api/dosimetry/jobs/" + folderId).body());
        assertThat(fromCd.get("state").asText()).as(fromCd.toString()).isEqualTo("DONE");
        assertThat(fromFolder.get("state").asText()).as(fromFolder.toString()).isEqualTo("DONE");
        var cdVoi = fromCd.get("result").get("vois").get(0);
        var folderVoi = fromFolder.get("result").get("vois").get(0);
        assertThat(cdVoi.get("name").asText()).isEqualTo(vois.get(0));
        assertThat(cdVoi.get("doseGy").asDouble())
                .isPositive()
                .isEqualTo(folderVoi.get("doseGy").asDouble());
        assertThat(fromCd.get("result").get("hours"))
                .isEqualTo(fromFolder.get("result").get("hours"));
    }

    @Test
    void aCdMissingAFileTheDicomDirNamesIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path cd = Files.createDirectories(tmp.resolve("CD"));
        PatientMedia.makeCycle(cd);
        Files.delete(cd.resolve("DICOM").resolve("I0000007"));
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        physicist.get("/dosimetry/jobs");
        var refused = physicist.send(
                DosimetryJobTest.upload(physicist, "/dosimetry/jobs", zipUnder(cd, ""), "local-deposition"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("DICOMDIR names DICOM/I0000007").contains("zip the whole CD");
    }

    /** The series records of a DICOMDIR as pydicom reads them (an independent reader of the index). */
    private static List<ReferenceSeries> pydicomSeries(Path dicomdir) throws IOException, InterruptedException {
        ExternalTool.requirePython("python3-pydicom", "pydicom");
        String script = String.join(
                "\n",
                "import sys, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "for p in ds.patient_records:",
                "  for st in [r for r in p.children if r.DirectoryRecordType == 'STUDY']:",
                "    for se in [r for r in st.children if r.DirectoryRecordType == 'SERIES']:",
                "      print(p.PatientID, st.StudyDate, se.Modality, se.SeriesInstanceUID, len(se.children))");
        var r = ExternalTool.run(List.of(ExternalTool.DEBIAN_PYTHON.toString(), "-c", script, dicomdir.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<ReferenceSeries> out = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            String[] f = line.split(" ");
            out.add(new ReferenceSeries(f[0], f[1], f[2], f[3], Integer.parseInt(f[4])));
        }
        return out;
    }

    private static List<String> values(String page, String regex) {
        List<String> out = new ArrayList<>();
        var m = Pattern.compile(regex).matcher(page);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The folder's files zipped under {@code prefix} (a zipped CD folder) or at the top (prefix empty). */
    private static byte[] zipUnder(Path folder, String prefix) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes);
                Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = folder.relativize(f).toString().replace('\\', '/');
                zip.putNextEntry(new ZipEntry(prefix.isEmpty() ? name : prefix + "/" + name));
                zip.write(Files.readAllBytes(f));
            }
        }
        return bytes.toByteArray();
    }
}
