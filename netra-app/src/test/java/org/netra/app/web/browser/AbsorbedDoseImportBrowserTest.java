package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.app.web.dosimetry.AbsorbedDoseImportWebTest;
import org.netra.app.web.therapy.TherapyFixture;
import org.netra.interop.administration.CycleDoseRecords;
import org.netra.interop.fhir.AbsorbedDoseFhir;
import org.netra.interop.fhir.FhirJson;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;

/**
 * The physicist imports a cycle's absorbed doses from another department's netra (its FHIR R4 Bundle) on the
 * patient's page in Debian's Chromium: a Bundle without the kidneys' effective half-life is refused on a page naming
 * the field file; the complete one is filed and the cycle's dosimetry page shows its kidney dose. Screenshots
 * target/screenshots/doses-01-form.png, doses-02-refused.png, doses-03-filed.png.
 */
class AbsorbedDoseImportBrowserTest {
    private static final ZoneId DEPARTMENT = ZoneId.of("Europe/Berlin");
    private static BrowserSession b;
    private static DosimetryRecord sent;
    private static String bundle;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        LocalDateTime firstCycle;
        // the other department: the demo cohort's stored dosimetry, exported as its download writes it
        try (Store other = Store.open(StoreConfig.inMemory("other-" + UUID.randomUUID()))) {
            new SyntheticDemoCohort(2026, 12, LocalDate.of(2021, 9, 6)).load(other, "demo-loader");
            sent = other.records().list(ClinicalKinds.DOSIMETRY).stream()
                    .map(s -> s.value())
                    .filter(d -> d.dosimetry().cycle() == 1)
                    .findFirst()
                    .orElseThrow();
            firstCycle = other.records()
                    .get(ClinicalKinds.COURSE, sent.courseId())
                    .value()
                    .plan()
                    .cycles()
                    .getFirst()
                    .administration();
            bundle = FhirJson.encode(
                    new AbsorbedDoseFhir(DEPARTMENT).toBundle(CycleDoseRecords.summary(other, sent.patientId(), 1)));
        }
        b = BrowserSession.open(TestServer.custom(null, s -> s), null);
        TherapyFixture.register(b.server.store, sent.patientId(), "Dora Received", firstCycle);
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void thePhysicistImportsACyclesDosesOnThePatientsPage() throws Exception {
        Path incomplete = Files.write(
                b.profile().resolve("doses-no-half-life.json"),
                AbsorbedDoseImportWebTest.withoutKidneyHalfLife(bundle));
        Path complete = Files.writeString(b.profile().resolve("doses.json"), bundle);
        String chart = "/patients/" + sent.patientId();

        b.signIn("physicist");
        b.get(chart + "#plan");
        b.waitFor("import-doses");
        b.driver
                .findElement(org.openqa.selenium.By.cssSelector("#import-doses summary"))
                .click();
        b.driver.executeScript("document.getElementById('import-doses').scrollIntoView()");
        b.shot("doses-01-form");

        b.driver.findElement(org.openqa.selenium.By.id("doses-file")).sendKeys(incomplete.toString());
        b.click("import-doses-fhir");
        b.waitForHeading("Please check what you entered");
        assertThat(b.driver
                        .findElement(org.openqa.selenium.By.cssSelector(".problem"))
                        .getText())
                .contains("file: doses-no-half-life.json: the kidneys' dose has no effective half-life");
        b.shot("doses-02-refused");
        assertThat(b.server.store.records().list(ClinicalKinds.DOSIMETRY)).isEmpty();

        b.get(chart + "#plan");
        b.waitFor("import-doses");
        b.driver
                .findElement(org.openqa.selenium.By.cssSelector("#import-doses summary"))
                .click();
        b.driver.findElement(org.openqa.selenium.By.id("doses-file")).sendKeys(complete.toString());
        b.click("import-doses-fhir");
        b.waitForHeading("Dosimetry, cycle 1");
        assertThat(b.driver.getCurrentUrl()).endsWith(chart + "/dosimetry/1");
        assertThat(b.driver.findElement(org.openqa.selenium.By.tagName("main")).getText())
                .contains(String.format(
                        Locale.ROOT, "%.2f", sent.dosimetry().kidneyDose().inGy()));
        b.shot("doses-03-filed");
        assertThat(b.server.store.records().list(ClinicalKinds.DOSIMETRY))
                .singleElement()
                .satisfies(d -> assertThat(d.value().dosimetry().kidneyDose().inGy())
                        .isEqualTo(sent.dosimetry().kidneyDose().inGy()));

        // back on the chart: cycle 1 is given, links its dosimetry and asks for its administration
        b.get(chart + "#plan");
        b.waitFor("cycle-1-administration-missing");
        var row = b.driver.findElement(org.openqa.selenium.By.xpath("//tr[th[@scope='row' and text()='1']]"));
        assertThat(row.getText()).doesNotContain("planned").contains("dosimetry", "administration not recorded");
        b.shot("doses-04-chart-administration-missing");
        b.click("cycle-1-administration-missing");
        b.waitFor("administration");
        b.assertQuiet(BrowserSession::refusedOnPurpose);
    }
}
