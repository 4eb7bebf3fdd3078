package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.therapy.TherapyFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One new patient carried through therapy and follow-up in a real browser, each role signing in for its
 * part as the department's clock moves on: the physician approves cycle 1 (its room is booked), the nurse
 * records the infusion, the radiopharmacist the dispensing, the nurse the dose rates up to release and the
 * patient's sheet, the physician an adverse event and RECIST reads, and the cohort curve counts the patient.
 * The patient and the course are put into the store (registration is another page). Screenshots in
 * target/screenshots (t-*.png).
 */
class TherapyBrowserTest {
    static final String PID = "P-9001";
    static final String NAME = "Dagny Lindahl";
    private static TherapyFixture.TestClock clock;
    private static BrowserSession b;
    private static TestServer server;
    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        clock = new TherapyFixture.TestClock(LocalDateTime.of(2025, 3, 3, 8, 0));
        b = BrowserSession.open(TestServer.custom(null, s -> s.clock(clock)), clock);
        server = b.server;
        driver = b.driver;
        wait = b.wait;
        TherapyFixture.register(server.store, PID, NAME, LocalDateTime.of(2025, 3, 3, 9, 30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
    }

    static String cyclePage() {
        return server.base + "/patients/" + PID + "/cycles/1";
    }

    @Test
    void aPatientFromApprovalThroughReleaseToFollowUpAndTheCohort() throws Exception {
        // the physician approves cycle 1: its isolation room is booked with it
        b.signInAt("physician", LocalDateTime.of(2025, 3, 3, 8, 0));
        driver.get(server.base + "/patients/" + PID);
        driver.findElement(By.id("cycle-1")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Cycle 1 of 4"));
        assertThat(driver.findElements(By.id("save-dispensing")))
                .as("no dispensing form for a physician")
                .isEmpty();
        b.retype("note", "labs within limits");
        b.click("approve-cycle");
        b.waitForStatus("approved");
        assertThat(driver.findElement(By.id("approval")).getText()).contains("approved by physician");
        Chromium.shot(driver, "t-01-cycle-approved");

        // the nurse records the infusion and the first dose-rate reading
        b.signInAt("nurse", LocalDateTime.of(2025, 3, 3, 10, 30));
        assertThat(driver.findElements(By.linkText("Radiopharmacy"))).isEmpty();
        driver.get(cyclePage());
        b.set("isolationStart", "2025-03-03T09:00");
        b.set("administered", "2025-03-03T09:30");
        b.click("save-administration");
        b.waitForStatus("saved");
        b.set("at", "2025-03-03T10:00");
        b.retype("rate", "21");
        b.click("add-reading");
        b.waitForStatus("reading");
        assertThat(driver.findElement(By.id("release")).getText()).contains("not releasable yet");

        // the radiopharmacist, from the worklist: a typo is refused at its field, then the dose is recorded
        b.signInAt("radiopharmacist", LocalDateTime.of(2025, 3, 3, 10, 40));
        driver.findElement(By.linkText("Radiopharmacy")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Radiopharmacy"));
        assertThat(driver.findElement(By.cssSelector("table.data")).getText()).contains(NAME);
        Chromium.shot(driver, "t-02-radiopharmacy-worklist");
        driver.findElement(By.linkText("cycle 1")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("save-dispensing")));
        b.retype("batch", "LU-2503-117");
        b.retype("calibrated", "7520");
        b.set("calibratedAt", "2025-03-03T08:00");
        b.retype("residual", "61");
        b.set("residualMeasuredAt", "2025-03-03T10:05");
        b.click("save-dispensing");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("calibrated-error")));
        assertThat(driver.findElement(By.id("calibrated-error")).getText()).contains("between 0 and 30 GBq");
        assertThat(driver.findElement(By.id("batch")).getAttribute("value")).isEqualTo("LU-2503-117");
        Chromium.shot(driver, "t-03-dispensing-refused");
        b.retype("calibrated", "7.52");
        b.click("save-dispensing");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("administered-activity")));
        // 7.52·2^(−1.5 h/159.528 h) − 0.061·2^(0.5833 h/159.528 h) = 7.410 GBq
        assertThat(driver.findElement(By.id("administered-activity")).getText()).isEqualTo("7.410 GBq");
        Chromium.shot(driver, "t-04-dispensed");

        // two days on: the nurse's readings from 24 h release the patient; the sheet follows from them
        b.signInAt("nurse", LocalDateTime.of(2025, 3, 5, 10, 0));
        driver.get(cyclePage());
        b.set("at", "2025-03-04T09:30");
        b.retype("rate", "9.0");
        b.click("add-reading");
        b.waitForStatus("reading");
        b.set("at", "2025-03-05T09:30");
        b.retype("rate", "6.3");
        b.click("add-reading");
        b.waitForStatus("reading");
        assertThat(driver.findElement(By.id("release")).getText())
                .contains("releasable")
                .contains("46.6 h");
        b.set("isolationEnd", "2025-03-05T09:45");
        b.click("save-administration");
        b.waitForStatus("saved");
        driver.executeScript("document.getElementById('release').scrollIntoView({block: 'start'})");
        Chromium.shot(driver, "t-05-released");
        driver.findElement(By.id("safety-sheet")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("print")));
        assertThat(driver.findElement(By.cssSelector(".sheet")).getText())
                .doesNotContain("Not yet releasable")
                .contains("6.3 µSv/h");
        Chromium.shot(driver, "t-06-safety-sheet");
        driver.get(server.base + "/patients/" + PID + "/stays");
        assertThat(driver.findElement(By.id("stays")).getText()).contains("2025-03-03");
        Chromium.shot(driver, "t-07-stays");

        // half a year on: the physician records an adverse event and RECIST reads
        b.signInAt("physician", LocalDateTime.of(2025, 9, 10, 9, 0));
        driver.get(server.base + "/patients/" + PID);
        driver.findElement(By.id("follow-up-link")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Follow-up"));
        new Select(driver.findElement(By.id("term"))).selectByValue("nausea");
        b.choose("grade", "1");
        b.set("onset", "2025-03-04");
        b.set("resolved", "2025-03-06");
        b.click("save-event");
        b.waitForStatus("event");
        b.set("date", "2025-02-20");
        b.retype("lesions", "liver-1, liver, 42\nliver-2, liver, 25");
        b.click("save-baseline");
        b.waitForStatus("baseline");
        b.set("date", "2025-06-02");
        b.retype("measurements", "liver-1 = 30\nliver-2 = 18");
        new Select(driver.findElement(By.id("nonTargets"))).selectByValue("NONE_AT_BASELINE");
        b.click("save-read");
        b.waitForStatus("read");
        b.set("date", "2025-09-01");
        b.retype("measurements", "liver-1 = 31\nliver-2 = 18");
        new Select(driver.findElement(By.id("nonTargets"))).selectByValue("NONE_AT_BASELINE");
        new Select(driver.findElement(By.id("newLesion"))).selectByValue("yes");
        b.click("save-read");
        b.waitForStatus("read");
        // 67 → 48 mm (−28 %): SD; then a new lesion: PD, the progression date
        assertThat(driver.findElement(By.id("reads")).getText()).contains("SD").contains("PD");
        assertThat(driver.findElement(By.id("outcome")).getText()).contains("progression 2025-09-01");
        Chromium.shot(driver, "t-08-follow-up");

        driver.findElement(By.linkText("Cohort")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-drawn=yes]")));
        assertThat(driver.findElement(By.id("at-risk")).getText()).contains("progression-free survival");
        Chromium.shot(driver, "t-09-cohort");

        // the refused dispensing form is a 400 by design; anything else severe is a fault
        b.assertQuiet(e -> e.getMessage()
                .contains("/dispensing - Failed to load resource: the server responded with a status of 400"));
    }
}
