package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.app.web.therapy.TherapyFixture;
import org.netra.testkit.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The department's forms with JavaScript turned off in Chromium: each is a plain POST answered by a redirect
 * (303) on success or the same page again with one message per field (400). The eligibility settings with an
 * impossible Ki-67 cut-off, registration with a missing name
 * and then complete, a lab panel with an impossible haemoglobin and then corrected, and a toxicity event with
 * a grade its CTCAE term does not have and then one it has. Screenshots in target/screenshots (n-*).
 */
class NoScriptBrowserTest {
    private static TherapyFixture.TestClock clock;
    private static BrowserSession b;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        clock = new TherapyFixture.TestClock(LocalDateTime.of(2024, 5, 6, 9, 0));
        // the reference studies, where the data is present (the PET read below needs them; the rest does not)
        var studies = FolderStudies.scan(TestData.root().resolve("dicom"));
        b = BrowserSession.openWithoutScript(
                TestServer.custom(null, s -> s.clock(clock).studies(studies)), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void registrationLabsAndAToxicityEventWorkWithoutJavaScript() throws Exception {
        // the administrator's eligibility settings: an impossible Ki-67 cut-off named, then saved as version 1
        b.signIn("admin");
        b.get("/admin/eligibility");
        b.waitFor("ki67");
        b.retype("ki67", "150");
        b.click("save");
        b.waitFor("ki67-error");
        assertThat(b.text("ki67-error")).contains("Ki-67");
        b.retype("ki67", "20");
        b.click("save");
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("lead"), "Saved as version 1"));

        b.signIn("physician");
        // script is really off: the page's own script would have marked the body; htmx would have loaded
        assertThat(b.driver.executeScript("return typeof htmx")).isEqualTo("undefined");

        // registration: the name left out is named, nothing else typed is lost
        b.get("/patients/new");
        b.waitFor("name");
        b.set("birthDate", "1961-04-12");
        b.choose("sex", "female");
        b.type("mrn", "MRN-NS-1");
        b.type("heightCm", "168");
        b.type("weightKg", "64.5");
        b.choose("site", "small_intestine");
        b.choose("grade", "g2");
        b.type("ki67", "6");
        b.set("ki67Date", "2024-03-01");
        b.choose("ecog", "1");
        b.click("save");
        b.waitFor("name-error");
        assertThat(b.text("name-error")).containsIgnoringCase("name");
        assertThat(b.find("mrn").getAttribute("value")).isEqualTo("MRN-NS-1");
        b.shot("n-01-register-missing-name");
        b.type("name", "Nordin, Elsa");
        b.click("save");
        b.waitFor("enter-labs");
        String pid = b.driver.getCurrentUrl().replaceAll(".*/patients/([^?#/]+).*", "$1");
        assertThat(pid).matches("P-\\d{4}");
        b.shot("n-02-chart");

        // a lab panel with an impossible haemoglobin: refused, naming the field; corrected, saved
        b.signIn("nurse");
        b.get("/patients/" + pid);
        b.click("enter-labs");
        b.waitFor("haemoglobin");
        b.set("sampled", "2024-05-06");
        b.type("haemoglobin", "130");
        b.choose("haemoglobinUnit", "g/dL");
        b.type("platelets", "215");
        b.type("creatinine", "70");
        b.click("save");
        b.waitFor("haemoglobin-error");
        assertThat(b.text("haemoglobin-error")).contains("haemoglobin");
        b.shot("n-03-labs-impossible-haemoglobin");
        b.choose("haemoglobinUnit", "g/L");
        b.click("save");
        b.waitFor("egfr");
        b.shot("n-04-labs-saved");

        // a toxicity event: without script every grade is listed; one the term lacks is refused by the server
        b.signIn("physician");
        b.get("/patients/" + pid + "/follow-up");
        b.waitForHeading("Follow-up");
        b.choose("term", "myelodysplastic_syndrome");
        assertThat(new Select(b.find("grade"))
                        .getOptions().stream().filter(WebElement::isEnabled).count())
                .isEqualTo(5);
        b.choose("grade", "2");
        b.set("onset", "2024-05-01");
        b.click("save-event");
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grade ~ .field-error")));
        assertThat(b.driver.findElement(By.cssSelector("#grade ~ .field-error")).getText())
                .contains("Myelodysplastic syndrome")
                .contains("grades 4, 5 only, not 2");
        b.shot("n-05-event-grade-the-term-lacks");
        b.choose("term", "myelodysplastic_syndrome");
        b.choose("grade", "4");
        b.set("onset", "2024-05-01");
        b.click("save-event");
        b.waitForStatus("event");
        assertThat(b.driver.findElement(By.cssSelector("#events table.data")).getText())
                .contains("Myelodysplastic syndrome");
        b.shot("n-06-event-saved");
    }

    /**
     * A PET/CT read measured in the real FDG PET netra holds, without script: "Measure in the study" is a GET
     * of the form as typed; the lesion rows come back with the study's VOIs and netra's SUVmax filled in.
     */
    @Test
    void aPetReadIsMeasuredInAHeldStudyWithoutJavaScript() throws Exception {
        TestData.path("dicom/fdg-pet-sts001/pet-bqml");
        var api = new WebClient(b.server.base);
        api.signIn("physician", TestServer.password("physician"));
        api.get("/");
        var created = api.postJson("/api/patients", """
                {"name": "Sarc, Test", "birthDate": "1950-01-01", "sex": "male", "mrn": "MRN-NS-PET",
                 "heightCm": 163, "weightKg": 71, "site": "unknown_primary", "grade": "g3", "ki67": 40,
                 "ki67Date": "2024-03-01", "ecog": 1, "ecogDate": "2024-03-01", "pregnancy": "not_recorded"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pid = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(created.body())
                .get("id")
                .asText();

        b.signIn("physician");
        b.get("/patients/" + pid + "/studies/pet/new");
        b.waitFor("study");
        b.choose("study", "fdg-pet-sts001-pet-bqml");
        b.set("injection", "2024-05-02T10:35");
        b.click("measure");
        b.waitFor("lesion1Voi");
        assertThat(b.driver.getCurrentUrl()).contains("measure=1").doesNotContain("_csrf");
        assertThat(b.find("lesion1Organ").getAttribute("value")).startsWith("GTV_");
        assertThat(b.find("lesion1SuvMax").getAttribute("value")).isNotEmpty();
        assertThat(b.driver.findElement(By.cssSelector("form.entry")).getText()).contains("SUVbw max");
        b.shot("n-07-pet-measured-in-study");
        b.click("save");
        b.waitFor("measured");
        assertThat(b.text("measured"))
                .contains("SUVbw max")
                .contains("whole image")
                .contains("series ");
        b.shot("n-08-pet-read-saved");
    }
}
