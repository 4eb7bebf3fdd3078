package org.netra.app.web.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.netra.app.web.therapy.ApiAnswers.refused;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.imaging.dicom.DicomFile;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr;
import org.netra.store.clinical.AdministeredActivities;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DispensingRecord;

/**
 * A cycle's Radiopharmaceutical Radiation Dose SR from the web: downloaded from one department's netra once the
 * dispensing and administration are recorded, and imported into another's by the radiopharmacist's form (and
 * refused to a physician, for another patient, twice, or when it is not DICOM).
 */
class AdministrationReportWebTest {
    static final LocalDateTime NOW = LocalDateTime.of(2025, 3, 5, 12, 0);
    static final String PID = "P-8001";
    static final LocalDateTime FIRST = LocalDateTime.of(2025, 3, 3, 9, 30);

    static WebClient signedIn(TestServer server, String user) {
        var c = new WebClient(server.base);
        c.signIn(user, TestServer.password(user));
        c.get("/");
        return c;
    }

    static TestServer server() {
        var s = TestServer.custom(null, b -> b.clock(new TherapyFixture.TestClock(NOW)));
        TherapyFixture.register(s.store, PID, "Astrid Dose", FIRST);
        return s;
    }

    static HttpResponse<byte[]> download(WebClient c, String path) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(c.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The cycle page's import form as a browser posts it: multipart with the CSRF field and the file. */
    static HttpResponse<String> postForm(WebClient c, String path, byte[] file) {
        String boundary = "----netra" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + c.csrf()
                + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"rrdsr\"; filename=\"hotlab.dcm\"\r\n"
                + "Content-Type: application/dicom\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return c.send(c.request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    @Test
    void theReportGoesFromOneDepartmentToAnotherThroughTheCyclePage() throws Exception {
        byte[] sr;
        double administeredMBq;
        String eventUid;
        try (TestServer source = server()) {
            String api = "/api/patients/" + PID + "/cycles/1";
            var physician = signedIn(source, "physician");
            var early = download(physician, api + "/rrdsr");
            assertThat(early.statusCode()).isEqualTo(400);
            assertThat(new String(early.body(), StandardCharsets.UTF_8)).contains("rrdsr", "no dispensing");

            var pharmacist = signedIn(source, "radiopharmacist");
            assertThat(pharmacist
                            .sendJson(
                                    "PUT",
                                    api + "/dispensing",
                                    TherapyApiTest.dispensing("LU-2503-9", "7.52", "GBq", 0))
                            .statusCode())
                    .isEqualTo(200);
            var nurse = signedIn(source, "nurse");
            var given = nurse.sendJson(
                    "PUT", api + "/administration", "{\"administered\": \"2025-03-03T09:35\", \"version\": 0}");
            assertThat(given.statusCode()).as(given.body()).isEqualTo(200);

            assertThat(physician.get("/patients/" + PID + "/cycles/1").body()).contains("id=\"download-rrdsr\"");
            var page = download(physician, "/patients/" + PID + "/cycles/1/rrdsr.dcm");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/dicom"));
            sr = page.body();
            var course = source.store
                    .records()
                    .forPatient(ClinicalKinds.COURSE, PID)
                    .getFirst()
                    .value();
            administeredMBq = AdministeredActivities.of(source.store.records(), course, 1, TherapyFixture.DEPARTMENT)
                    .orElseThrow()
                    .inMBq();
            var read = RadiopharmaceuticalDoseSr.read(
                    DicomFile.parse(sr, "download", DicomFile.Extent.ALL).dataset());
            assertThat(read.administration().administered().inMBq()).isCloseTo(administeredMBq, within(1e-3));
            assertThat(read.administration().lot()).contains("LU-2503-9");
            eventUid = read.administration().eventUid();
        }

        try (TestServer target = server()) {
            String cycle = "/patients/" + PID + "/cycles/1";
            var physician = signedIn(target, "physician");
            physician.get(cycle);
            assertThat(physician.get(cycle).body()).doesNotContain("id=\"import-rrdsr\"");
            assertThat(postForm(physician, cycle + "/rrdsr", sr).statusCode()).isEqualTo(403);

            var nurse = signedIn(target, "nurse");
            var notDicom = nurse.send(nurse.request("/api" + cycle + "/rrdsr")
                    .header("Content-Type", "application/dicom")
                    .header("X-CSRF-Token", nurse.csrf())
                    .POST(HttpRequest.BodyPublishers.ofString("not a dicom file"))
                    .build());
            refused(notDicom, 400, "rrdsr");

            var pharmacist = signedIn(target, "radiopharmacist");
            assertThat(pharmacist.get(cycle).body()).contains("id=\"import-rrdsr\"");
            var filed = postForm(pharmacist, cycle + "/rrdsr", sr);
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(303);
            String shown = pharmacist.get(cycle + "?done=rrdsr").body();
            assertThat(shown)
                    .contains("Dose report filed")
                    .contains(String.format(java.util.Locale.ROOT, "%.3f GBq", administeredMBq / 1000))
                    // the sender's administration event and route, kept and shown as sent
                    .contains("id=\"administration-sent\"")
                    .contains(eventUid)
                    .contains("Intravenous route (47625008, SCT)");
            String dispensingId = DispensingRecord.idOf(ClinicalKinds.key(PID, "prrt-1"), 1);
            assertThat(target.store.audit().history("dispensing", dispensingId))
                    .singleElement()
                    .satisfies(e -> assertThat(e.toString()).contains("radiopharmacist"));

            var again = postForm(pharmacist, cycle + "/rrdsr", sr);
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(again.body()).contains("already has a dispensing");
        }
    }
}
