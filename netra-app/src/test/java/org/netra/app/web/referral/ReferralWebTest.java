package org.netra.app.web.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.app.web.pacs.PacsPullTest;
import org.netra.store.clinical.ClinicalKinds;

/**
 * The referral package and the FHIR Bundle downloaded from a patient's page of one netra and imported into
 * another: the zip's entries and the Bundle's Patient read with java.util.zip and Jackson (not netra's reader), the
 * patient filed (and audited) on the other side, a nurse refused, a file of the wrong kind refused naming the field.
 */
class ReferralWebTest {
    @Test
    void aReferralLeavesOneNetraAndEntersAnother() throws Exception {
        try (var from = new TestServer();
                var to = new TestServer()) {
            PacsPullTest.addPatient(from, "ANON54121", "John Doe");
            var physician = new WebClient(from.base);
            physician.signIn("physician", TestServer.password("physician"));
            assertThat(physician.get("/patients/ANON54121").body())
                    .contains("id=\"export-referral\"")
                    .contains("id=\"export-fhir\"");

            var zip = physician.getBytes("/patients/ANON54121/referral.zip");
            assertThat(zip.statusCode()).isEqualTo(200);
            assertThat(zip.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
            List<String> entries = new ArrayList<>();
            try (var in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    entries.add(e.getName());
                }
            }
            assertThat(entries).isNotEmpty().anyMatch(n -> n.endsWith(".json"));

            var fhir = physician.getBytes("/patients/ANON54121/fhir.json");
            assertThat(fhir.statusCode()).isEqualTo(200);
            JsonNode bundle = new ObjectMapper().readTree(fhir.body());
            assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
            List<String> types = new ArrayList<>();
            bundle.get("entry")
                    .forEach(
                            e -> types.add(e.get("resource").get("resourceType").asText()));
            assertThat(types).contains("Patient");

            var nurse = new WebClient(from.base);
            nurse.signIn("nurse", TestServer.password("nurse"));
            assertThat(nurse.getBytes("/patients/ANON54121/referral.zip").statusCode())
                    .isEqualTo(403);
            assertThat(nurse.getBytes("/patients/ANON54121/fhir.json").statusCode())
                    .isEqualTo(403);

            var receiver = new WebClient(to.base);
            receiver.signIn("physician", TestServer.password("physician"));
            receiver.get("/referrals/import");
            var wrong = receiver.send(multipart(receiver, "/referrals/import", "notes.txt", "hello".getBytes()));
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("notes.txt");
            var notJson = receiver.send(multipart(receiver, "/referrals/import", "bundle.json", "hello".getBytes()));
            assertThat(notJson.statusCode()).as(notJson.body()).isEqualTo(400);
            assertThat(notJson.body()).contains("bundle.json is not a FHIR R4 JSON Bundle");
            var imported = receiver.send(multipart(receiver, "/referrals/import", "referral.zip", zip.body()));
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(303);
            assertThat(imported.headers().firstValue("Location").orElseThrow()).isEqualTo("/patients/ANON54121");
            var filed =
                    to.store.records().find(ClinicalKinds.PATIENT, "ANON54121").orElseThrow();
            assertThat(filed.value().name()).isEqualTo("John Doe");
            assertThat(to.store.audit().since(0)).isNotEmpty();
        }
    }

    static HttpRequest multipart(WebClient c, String path, String filename, byte[] content) {
        return c.multipart(path, "file", filename, content);
    }
}
