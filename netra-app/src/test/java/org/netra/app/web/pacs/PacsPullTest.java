package org.netra.app.web.pacs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TumourSite;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.interop.dicomweb.DicomWebClient;
import org.netra.physics.quantity.Mass;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PatientRecord;
import org.netra.testkit.TestData;

/**
 * The real 177Lu SPECT's two time points and RTSTRUCT stored in Orthanc (STOW-RS), listed on the patient's PACS
 * page, pulled (WADO-RS) into a dosimetry upload and run: the pulled files are byte for byte the files stored
 * (SHA-256 of each against the reference data), the choice page lists both time points and the RTSTRUCT's VOIs, the
 * job finishes; series of another patient and an unreachable PACS are refused with typed messages.
 */
public class PacsPullTest {
    public static final URI ORTHANC = URI.create("http://127.0.0.1:58042/dicom-web");

    @Test
    void theRealSpectIsPulledFromThePacsIntoAJobThatRuns() throws Exception {
        var pacs = new DicomWebClient(DicomWebClient.Settings.of(ORTHANC));
        TreeSet<String> storedDigests = new TreeSet<>();
        TreeSet<String> storedSeries = storeRealSpect(pacs, storedDigests);
        assertThat(storedSeries).hasSize(3);

        try (var server = TestServer.configured(c -> c.withPacsUrl(Optional.of(ORTHANC)))) {
            addPatient(server, "ANON54121", "John Doe");
            addPatient(server, "OTHER-7", "Erika Mustermann");
            var physicist = new WebClient(server.base);
            physicist.signIn("physicist", TestServer.password("physicist"));
            String page = physicist.get("/patients/ANON54121/pacs").body();
            List<String> offered = values(page, "name=\"series\" class=\"pacs-series\" value=\"([^\"]+)\"");
            assertThat(offered).containsAll(storedSeries);
            assertThat(page).contains("ANON54121").contains(ORTHANC.toString());

            // the same series asked for another patient: the identity check refuses them
            var foreign = physicist.postFormFields(
                    "/patients/OTHER-7/pacs/pull",
                    storedSeries.stream().map(s -> Map.entry("series", s)).toList());
            assertThat(foreign.statusCode()).isEqualTo(400);
            assertThat(foreign.body()).contains("is not of Erika Mustermann");

            var pulled = physicist.postFormFields(
                    "/patients/ANON54121/pacs/pull",
                    new ArrayList<>(storedSeries.stream()
                            .map(s -> Map.entry("series", s))
                            .toList()));
            assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(303);
            String choose = pulled.headers().firstValue("Location").orElseThrow();
            String uploadId = choose.substring(choose.lastIndexOf('/') + 1);
            var upload = server.app.jobs().upload(uploadId, "physicist").orElseThrow();
            TreeSet<String> pulledDigests = new TreeSet<>();
            try (Stream<Path> s = Files.walk(upload.dir())) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    pulledDigests.add(sha256(Files.readAllBytes(f)));
                }
            }
            assertThat(pulledDigests)
                    .as("WADO-RS gives back the stored files unchanged")
                    .isEqualTo(storedDigests);

            String chooser = physicist.get(choose).body();
            List<String> timePoints = values(chooser, "name=\"timepoint\" value=\"([^\"]+)\"");
            List<String> vois = values(chooser, "name=\"voi\" value=\"([^\"]+)\"");
            assertThat(timePoints).hasSize(2);
            assertThat(vois).hasSize(2);
            List<Map.Entry<String, String>> start = new ArrayList<>();
            timePoints.forEach(t -> start.add(Map.entry("timepoint", t)));
            vois.forEach(v -> start.add(Map.entry("voi", v)));
            var started = physicist.postFormFields(choose + "/start", start);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
            String jobPage = started.headers().firstValue("Location").orElseThrow();
            String id = jobPage.substring(jobPage.lastIndexOf('/') + 1);
            assertThat(server.app.jobs().awaitIdle(java.time.Duration.ofMinutes(10)))
                    .isTrue();
            var job = new ObjectMapper()
                    .readTree(physicist.get("/api/dosimetry/jobs/" + id).body());
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("DONE");
            assertThat(job.get("result").get("hours")).hasSize(2);
            // camera, reconstruction and corrections read from the pulled images' header, kept with the result
            assertThat(job.get("result").get("acquisition").get("camera").asText())
                    .isEqualTo("SIEMENS NM Encore2, collimator @16792560 (PARA)");
            assertThat(job.get("result").get("acquisition").get("corrections").asText())
                    .contains("scatter: TEW");

            // push back: RT Dose, RTSTRUCT and the report as Encapsulated PDF, each stored, found again by QIDO-RS
            var pushed = physicist.postFormFields("/dosimetry/jobs/" + id + "/push", List.of());
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            assertThat(pushed.body())
                    .contains("id=\"push-ok\"")
                    .contains("RT Dose")
                    .contains("RTSTRUCT")
                    // a job not attached to a cycle has no signed report: the push says its report is unsigned
                    .contains("unsigned report: the job is not attached to a cycle");
            var sent = server.store.records().list(PacsPush.PushRecord.KIND).stream()
                    .map(r -> r.value())
                    .filter(r -> r.jobId().equals(id))
                    .findFirst()
                    .orElseThrow();
            assertThat(sent.instances())
                    .extracting(PacsPush.SentInstance::sopClassUid)
                    .containsExactly(
                            "1.2.840.10008.5.1.4.1.1.481.2",
                            "1.2.840.10008.5.1.4.1.1.481.3",
                            "1.2.840.10008.5.1.4.1.1.104.1");
            var doseSeries = pacs.searchSeries(Optional.of(sent.studyInstanceUid()), Map.of("Modality", "RTDOSE"));
            String doseUid = sent.instances().getFirst().sopInstanceUid();
            boolean found = false;
            for (var series : doseSeries) {
                found |= pacs.searchInstances(sent.studyInstanceUid(), series.seriesInstanceUid())
                        .contains(doseUid);
            }
            assertThat(found).as("QIDO-RS finds the pushed RT Dose " + doseUid).isTrue();
            assertThat(server.store.audit().history(PacsPush.PushRecord.KIND.name(), sent.id()))
                    .isNotEmpty();

            // once the job folder's results are gone (the upload expiry), a push says so instead of sending less
            try (Stream<Path> gone = Files.walk(upload.dir().resolve("netra-exports"))) {
                for (Path f : gone.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
            var expired = physicist.postJson("/api/dosimetry/jobs/" + id + "/push", "{}");
            assertThat(expired.statusCode()).isEqualTo(400);
            assertThat(expired.body()).contains("no longer kept").contains("run the job again");

            // the API lists the routes in OpenAPI
            assertThat(physicist.get("/api/openapi.json").body())
                    .contains("/api/patients/{id}/pacs/studies")
                    .contains("/api/patients/{id}/pacs/pull")
                    .contains("/api/dosimetry/jobs/{id}/push");
        }
    }

    /**
     * Stores the real SPECT's two time points and the first one's RTSTRUCT in Orthanc (STOW-RS; storing again is
     * harmless), adding each file's SHA-256 to {@code digests}; returns the series as "study/series". Skips the
     * test locally (fails it in CI) when Orthanc or the data are missing.
     */
    public static TreeSet<String> storeRealSpect(DicomWebClient pacs, TreeSet<String> digests) throws Exception {
        Path spect = TestData.path("dicom/lu177-dotatate-spect");
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("SCAN_001/image", "SCAN_002/image", "SCAN_001/mask")) {
            try (Stream<Path> s = Files.list(spect.resolve(folder))) {
                s.filter(p -> p.toString().endsWith(".dcm")).sorted().forEach(files::add);
            }
        }
        List<byte[]> bytes = new ArrayList<>();
        for (Path f : files) {
            bytes.add(Files.readAllBytes(f));
        }
        try {
            assertThat(pacs.store(bytes)).noneMatch(i -> i.failed());
        } catch (org.netra.interop.dicomweb.DicomWebException e) {
            TestData.unavailable("Orthanc at " + ORTHANC + " is not reachable: " + e.getMessage());
        }
        TreeSet<String> storedSeries = new TreeSet<>();
        for (byte[] b : bytes) {
            var h = DicomFile.parse(b, "reference", DicomFile.Extent.HEADER).dataset();
            storedSeries.add(h.string(Tag.STUDY_INSTANCE_UID).orElseThrow() + "/"
                    + h.string(Tag.SERIES_INSTANCE_UID).orElseThrow());
            digests.add(sha256(b));
        }
        return storedSeries;
    }

    @Test
    void anUnreachablePacsIsNamedOnThePage() {
        URI nowhere = URI.create("http://127.0.0.1:9/dicom-web");
        try (var server = TestServer.configured(c -> c.withPacsUrl(Optional.of(nowhere)))) {
            addPatient(server, "ANON54121", "John Doe");
            var physicist = new WebClient(server.base);
            physicist.signIn("physicist", TestServer.password("physicist"));
            String page = physicist.get("/patients/ANON54121/pacs").body();
            assertThat(page).contains("id=\"pacs-error\"").contains("the PACS at " + nowhere);
            var nurse = new WebClient(server.base);
            nurse.signIn("nurse", TestServer.password("nurse"));
            assertThat(nurse.get("/patients/ANON54121/pacs").statusCode()).isEqualTo(403);
        }
    }

    /** Registers a patient as the CLI tests do: the real SPECT's Patient ID, a chart name. */
    public static void addPatient(TestServer server, String id, String name) {
        var p = new Patient(
                id,
                Sex.FEMALE,
                LocalDate.of(1966, 1, 2),
                List.of(new Dated<>(LocalDate.of(2024, 5, 1), Mass.ofKg(64))),
                List.of());
        server.store
                .records()
                .create(
                        ClinicalKinds.PATIENT,
                        new PatientRecord(
                                p,
                                name,
                                new PrimaryTumour(TumourSite.PANCREAS, Grade.G1, Optional.empty()),
                                List.of(),
                                List.of(new Dated<>(LocalDate.of(2024, 5, 1), new PerformanceStatus.Ecog(0))),
                                Optional.empty(),
                                false),
                        "test");
    }

    private static List<String> values(String html, String regex) {
        var m = Pattern.compile(regex).matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).replace("&#47;", "/"));
        }
        return out;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
