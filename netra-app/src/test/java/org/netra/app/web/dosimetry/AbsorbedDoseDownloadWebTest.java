package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.interop.fhir.AbsorbedDoseFhir;
import org.netra.interop.fhir.CycleDoseSummary.RegionKind;
import org.netra.interop.fhir.FhirJson;
import org.netra.physics.quantity.Times;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;

/**
 * The cycle's dosimetry page offers its absorbed doses as FHIR R4 to everyone who may see the patient; the download
 * reads back (netra's FHIR reader) with the stored kidney and marrow doses. HAPI's validator checks the same Bundle
 * in netra-interop's AbsorbedDoseExchangeTest.
 */
class AbsorbedDoseDownloadWebTest {
    private static final ZoneId DEPARTMENT = ZoneId.of("Europe/Berlin");
    private static TestServer server;
    private static DosimetryRecord cycleOne;

    @BeforeAll
    static void start() {
        LocalDate asOf = LocalDate.of(2021, 9, 6);
        Clock clinic = Clock.fixed(asOf.atTime(9, 30).atZone(DEPARTMENT).toInstant(), DEPARTMENT);
        server = TestServer.custom(null, b -> b.clock(clinic));
        new SyntheticDemoCohort(2026, 12, asOf).load(server.store, "demo-loader");
        cycleOne = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .filter(d -> d.dosimetry().cycle() == 1)
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aNurseDownloadsTheCyclesAbsorbedDosesAsFhirWithTheStoredFigures() {
        var nurse = new WebClient(server.base);
        assertThat(nurse.signIn("nurse", TestServer.password("nurse")).statusCode())
                .isLessThan(400);
        String page = "/patients/" + cycleOne.patientId() + "/dosimetry/1";
        assertThat(nurse.get(page).body()).contains("id=\"download-doses-fhir\"");

        var download = nurse.get(page + "/doses.fhir.json");
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        var read = new AbsorbedDoseFhir(DEPARTMENT).fromBundle(FhirJson.parse(download.body(), "download"), "download");
        assertThat(read.patientId()).isEqualTo(cycleOne.patientId());
        assertThat(read.cycle()).isEqualTo(1);
        var kidneys = read.regions().stream()
                .filter(r -> r.kind() == RegionKind.KIDNEYS)
                .findFirst()
                .orElseThrow();
        assertThat(kidneys.mean().inGy())
                .isCloseTo(cycleOne.dosimetry().kidneyDose().inGy(), within(1e-12));
        assertThat(Times.hours(kidneys.effectiveHalfLife().orElseThrow()))
                .isCloseTo(Times.hours(cycleOne.dosimetry().kidneyEffectiveHalfLife()), within(1e-9));
        var marrow = read.regions().stream()
                .filter(r -> r.kind() == RegionKind.RED_MARROW)
                .findFirst()
                .orElseThrow();
        assertThat(marrow.mean().inGy())
                .isCloseTo(cycleOne.dosimetry().marrowDose().inGy(), within(1e-12));

        var api = nurse.get("/api/patients/" + cycleOne.patientId() + "/dosimetry/1/fhir");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).isEqualTo(download.body());
    }
}
