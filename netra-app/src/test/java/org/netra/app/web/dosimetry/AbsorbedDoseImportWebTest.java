package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.app.web.therapy.TherapyFixture;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.TumourDose;
import org.netra.interop.fhir.FhirJson;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import org.netra.physics.quantity.Volume;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.RegionCurves;

/**
 * A cycle's absorbed doses go from one netra to another through the web: downloaded as FHIR from the source's
 * dosimetry page, imported on the target's patient page by the physicist, and filed with the source's figures
 * (kidneys with T_eff, red marrow, every tumour ± SD), audited under the physicist. Refused to the physician and the
 * nurse (403), and with a 400 on field {@code file} when the upload is not JSON, is about another patient, lacks the
 * kidneys' effective half-life, or is imported a second time; nothing is filed by a refusal.
 */
public class AbsorbedDoseImportWebTest {
    private static final ZoneId DEPARTMENT = ZoneId.of("Europe/Berlin");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCyclesDosesDownloadedFromOneNetraAreFiledInAnotherFromThePatientsPage() throws Exception {
        LocalDate asOf = LocalDate.of(2021, 9, 6);
        Clock clinic = Clock.fixed(asOf.atTime(9, 30).atZone(DEPARTMENT).toInstant(), DEPARTMENT);
        String bundle;
        DosimetryRecord sent;
        LocalDateTime firstCycle;
        try (TestServer source = TestServer.custom(null, b -> b.clock(clinic))) {
            // the other department: a course whose cycle 1 has kidneys, marrow and two tumours ± SD with volumes
            firstCycle = asOf.minusDays(20).atTime(9, 30);
            var course = TherapyFixture.register(source.store, "P-4711", "Dora Sent", firstCycle);
            sent = new DosimetryRecord(
                    course.id() + "/cycle-1",
                    "P-4711",
                    course.id(),
                    new CycleDosimetry(
                            1,
                            firstCycle.toLocalDate(),
                            Activity.ofGBq(7.38),
                            AbsorbedDose.ofGy(3.214),
                            Duration.ofHours(51).plusMinutes(7),
                            Optional.of(AbsorbedDose.ofGy(3.98)),
                            AbsorbedDose.ofGy(0.187)),
                    List.of(
                            new TumourDose(
                                    "L1 liver", AbsorbedDose.ofGy(21.6), AbsorbedDose.ofGy(3.1), Volume.ofMl(14.2)),
                            new TumourDose(
                                    "L2 node", AbsorbedDose.ofGy(9.05), AbsorbedDose.ofGy(1.7), Volume.ofMl(3.4))),
                    "voxel S-value; GTM recovery");
            source.store.records().create(ClinicalKinds.DOSIMETRY, sent, "physicist");
            var physicist = signedIn(source, "physicist");
            var download = physicist.get("/patients/" + sent.patientId() + "/dosimetry/1/doses.fhir.json");
            assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
            bundle = download.body();
        }

        try (TestServer target = TestServer.custom(null, b -> b.clock(clinic))) {
            String pid = sent.patientId();
            TherapyFixture.register(target.store, pid, "Dora Sent", firstCycle);
            TherapyFixture.register(target.store, "P-OTHER", "Otto Other", firstCycle);
            byte[] file = bundle.getBytes(StandardCharsets.UTF_8);
            String chart = "/patients/" + pid;

            for (String role : new String[] {"physician", "nurse"}) {
                var c = signedIn(target, role);
                assertThat(c.get(chart).body()).doesNotContain("id=\"import-doses-fhir\"");
                assertThat(c.send(c.multipart(chart + "/dosimetry", "file", "doses.json", file))
                                .statusCode())
                        .as(role)
                        .isEqualTo(403);
            }

            var physicist = signedIn(target, "physicist");
            assertThat(physicist.get(chart).body()).contains("id=\"import-doses-fhir\"");
            String api = "/api/patients/" + pid + "/dosimetry";
            refused(
                    physicist.send(physicist.multipart(api, "file", "notes.json", "hello".getBytes())),
                    "notes.json is not a FHIR R4 JSON Bundle");
            refused(
                    physicist.send(physicist.multipart("/api/patients/P-OTHER/dosimetry", "file", "doses.json", file)),
                    "doses.json holds the doses of patient " + pid + " (Patient ID " + pid + "), not P-OTHER");
            refused(
                    physicist.send(physicist.multipart(api, "file", "doses.json", withoutKidneyHalfLife(bundle))),
                    "the kidneys' dose has no effective half-life");
            assertThat(target.store.records().list(ClinicalKinds.DOSIMETRY)).isEmpty();

            // the page's form: filed, then the cycle's dosimetry page
            var filed = physicist.send(physicist.multipart(chart + "/dosimetry", "file", "doses.json", file));
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(303);
            assertThat(filed.headers().firstValue("Location")).contains(chart + "/dosimetry/1");
            assertThat(physicist.get(chart + "/dosimetry/1").statusCode()).isEqualTo(200);
            // the chart's cycle 1 links its imported dosimetry and says the administration is yet to be recorded
            String cycleRow = row(physicist.get(chart).body(), 1);
            assertThat(cycleRow)
                    .contains("href=\"" + chart + "/dosimetry/1\"")
                    .contains("administration not recorded")
                    .doesNotContain("planned");
            // the link goes to the cycle's page, where the administration is recorded
            assertThat(physicist.get(chart + "/cycles/1").body()).contains("id=\"administration\"");

            var got = target.store
                    .records()
                    .list(ClinicalKinds.DOSIMETRY)
                    .getFirst()
                    .value();
            assertThat(got.patientId()).isEqualTo(pid);
            assertThat(got.dosimetry().cycle()).isEqualTo(1);
            assertThat(got.dosimetry().kidneyDose().inGy())
                    .isCloseTo(sent.dosimetry().kidneyDose().inGy(), within(1e-12));
            assertThat(Times.hours(got.dosimetry().kidneyEffectiveHalfLife()))
                    .isCloseTo(Times.hours(sent.dosimetry().kidneyEffectiveHalfLife()), within(1e-9));
            assertThat(got.dosimetry().marrowDose().inGy())
                    .isCloseTo(sent.dosimetry().marrowDose().inGy(), within(1e-12));
            assertThat(got.dosimetry().administered().inMBq())
                    .isCloseTo(sent.dosimetry().administered().inMBq(), within(1e-9));
            assertThat(got.dosimetry().kidneyBed().orElseThrow().inGy())
                    .isCloseTo(sent.dosimetry().kidneyBed().orElseThrow().inGy(), within(1e-12));
            // every tumour with its dose, SD and volume as sent, and as a region of the cycle's curves
            assertThat(got.tumours()).hasSameSizeAs(sent.tumours());
            for (TumourDose t : sent.tumours()) {
                var same = got.tumours().stream()
                        .filter(g -> g.lesion().equals(t.lesion()))
                        .findFirst()
                        .orElseThrow();
                assertThat(same.mean().inGy()).isCloseTo(t.mean().inGy(), within(1e-12));
                assertThat(same.standardDeviation().inGy())
                        .isCloseTo(t.standardDeviation().inGy(), within(1e-12));
                assertThat(same.volume().inMl()).isCloseTo(t.volume().inMl(), within(1e-9));
            }
            assertThat(regionDoses(target.store, got.id()))
                    .containsOnlyKeys("L1 liver", "L2 node")
                    .hasEntrySatisfying("L1 liver", gy -> assertThat(gy).isCloseTo(21.6, within(1e-12)));
            assertThat(target.store.audit().history(ClinicalKinds.DOSIMETRY.name(), got.id()))
                    .singleElement()
                    .satisfies(e -> assertThat(e.toString()).contains("physicist"));

            refused(physicist.send(physicist.multipart(api, "file", "doses.json", file)), "already has dosimetry");
            assertThat(target.store.records().list(ClinicalKinds.DOSIMETRY)).hasSize(1);
        }
    }

    /** The regions other than kidneys and red marrow that the cycle's stored curves give a dose (Gy). */
    private static Map<String, Double> regionDoses(Store store, String dosimetryId) {
        return store.records().find(ClinicalKinds.CYCLE_CURVES, dosimetryId).stream()
                .flatMap(c -> c.value().regions().stream())
                .filter(r -> r.dose().isPresent()
                        && !r.region().equals("kidneys")
                        && !r.region().equals("red marrow"))
                .collect(Collectors.toMap(
                        RegionCurves::region, r -> r.dose().get().inGy()));
    }

    static WebClient signedIn(TestServer server, String user) {
        var c = new WebClient(server.base);
        assertThat(c.signIn(user, TestServer.password(user)).statusCode()).isLessThan(400);
        c.get("/");
        return c;
    }

    /** The chart's row of cycle {@code n}: from its row header to the end of the row. */
    private static String row(String chartPage, int n) {
        int start = chartPage.indexOf("<tr><th scope=\"row\">" + n + "</th>");
        assertThat(start).as("cycle %s's row on the chart", n).isNotNegative();
        return chartPage.substring(start, chartPage.indexOf("</tr>", start));
    }

    /** A 400 whose field {@code file} carries the library's message. */
    private static void refused(java.net.http.HttpResponse<String> r, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("fields").path("file").asText())
                .as(r.body())
                .contains(message);
    }

    /** The Bundle with the effective half-life taken off the kidneys' Observation, as a sender might omit it. */
    public static byte[] withoutKidneyHalfLife(String bundle) {
        var b = FhirJson.parse(bundle, "download");
        int removed = 0;
        for (var e : b.getEntry()) {
            if (e.getResource() instanceof Observation o
                    && "kidneys".equals(o.getBodySite().getText())) {
                int before = o.getComponent().size();
                o.getComponent()
                        .removeIf(c ->
                                c.getCode().getCodingFirstRep().getDisplay().equals("Effective half-life"));
                removed += before - o.getComponent().size();
            }
        }
        assertThat(removed).as("the kidneys' T_eff component").isEqualTo(1);
        return FhirJson.encode(b).getBytes(StandardCharsets.UTF_8);
    }
}
