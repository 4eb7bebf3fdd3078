package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.therapy.TherapyFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
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
    private static TestServer server;
    private static ChromeDriver driver;
    private static Path profile;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        clock = new TherapyFixture.TestClock(LocalDateTime.of(2025, 3, 3, 8, 0));
        server = TestServer.custom(null, b -> b.clock(clock));
        TherapyFixture.register(server.store, PID, NAME, LocalDateTime.of(2025, 3, 3, 9, 30));
        profile = Files.createTempDirectory("netra-chromium-");
        driver = Chromium.start(profile);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, server, profile);
    }

    /** Signs out whoever is signed in, moves the clock, and signs in as {@code user}. */
    static void signInAt(String user, LocalDateTime at) {
        clock.set(at);
        driver.manage().deleteAllCookies();
        driver.get(server.base + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(TestServer.password(user));
        driver.findElement(By.xpath("//button[text()='Sign in']")).click();
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));
    }

    static void type(String id, String text) {
        var e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    /** Date and date-time inputs: the value as the browser would submit it. */
    static void set(String id, String value) {
        driver.executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
    }

    static void submit(String buttonId) {
        driver.findElement(By.id(buttonId)).click();
    }

    static String cyclePage() {
        return server.base + "/patients/" + PID + "/cycles/1";
    }

    @Test
    void aPatientFromApprovalThroughReleaseToFollowUpAndTheCohort() throws Exception {
        // the physician approves cycle 1: its isolation room is booked with it
        signInAt("physician", LocalDateTime.of(2025, 3, 3, 8, 0));
        driver.get(server.base + "/patients/" + PID);
        driver.findElement(By.id("cycle-1")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Cycle 1 of 4"));
        assertThat(driver.findElements(By.id("save-dispensing")))
                .as("no dispensing form for a physician")
                .isEmpty();
        type("note", "labs within limits");
        submit("approve-cycle");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "approved"));
        assertThat(driver.findElement(By.id("approval")).getText()).contains("approved by physician");
        Chromium.shot(driver, "t-01-cycle-approved");

        // the nurse records the infusion and the first dose-rate reading
        signInAt("nurse", LocalDateTime.of(2025, 3, 3, 10, 30));
        assertThat(driver.findElements(By.linkText("Radiopharmacy"))).isEmpty();
        driver.get(cyclePage());
        set("isolationStart", "2025-03-03T09:00");
        set("administered", "2025-03-03T09:30");
        submit("save-administration");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "saved"));
        set("at", "2025-03-03T10:00");
        type("rate", "21");
        submit("add-reading");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "reading"));
        assertThat(driver.findElement(By.id("release")).getText()).contains("not releasable yet");

        // the radiopharmacist, from the worklist: a typo is refused at its field, then the dose is recorded
        signInAt("radiopharmacist", LocalDateTime.of(2025, 3, 3, 10, 40));
        driver.findElement(By.linkText("Radiopharmacy")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Radiopharmacy"));
        assertThat(driver.findElement(By.cssSelector("table.data")).getText()).contains(NAME);
        Chromium.shot(driver, "t-02-radiopharmacy-worklist");
        driver.findElement(By.linkText("cycle 1")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("save-dispensing")));
        type("batch", "LU-2503-117");
        type("calibrated", "7520");
        set("calibratedAt", "2025-03-03T08:00");
        type("residual", "61");
        set("residualMeasuredAt", "2025-03-03T10:05");
        submit("save-dispensing");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("calibrated-error")));
        assertThat(driver.findElement(By.id("calibrated-error")).getText()).contains("between 0 and 30 GBq");
        assertThat(driver.findElement(By.id("batch")).getAttribute("value")).isEqualTo("LU-2503-117");
        Chromium.shot(driver, "t-03-dispensing-refused");
        type("calibrated", "7.52");
        submit("save-dispensing");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("administered-activity")));
        // 7.52·2^(−1.5 h/159.528 h) − 0.061·2^(0.5833 h/159.528 h) = 7.410 GBq
        assertThat(driver.findElement(By.id("administered-activity")).getText()).isEqualTo("7.410 GBq");
        Chromium.shot(driver, "t-04-dispensed");

        // two days on: the nurse's readings from 24 h release the patient; the sheet follows from them
        signInAt("nurse", LocalDateTime.of(2025, 3, 5, 10, 0));
        driver.get(cyclePage());
        set("at", "2025-03-04T09:30");
        type("rate", "9.0");
        submit("add-reading");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "reading"));
        set("at", "2025-03-05T09:30");
        type("rate", "6.3");
        submit("add-reading");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "reading"));
        assertThat(driver.findElement(By.id("release")).getText())
                .contains("releasable")
                .contains("46.6 h");
        set("isolationEnd", "2025-03-05T09:45");
        submit("save-administration");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "saved"));
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
        signInAt("physician", LocalDateTime.of(2025, 9, 10, 9, 0));
        driver.get(server.base + "/patients/" + PID);
        driver.findElement(By.id("follow-up-link")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Follow-up"));
        new Select(driver.findElement(By.id("term"))).selectByValue("nausea");
        type("grade", "1");
        set("onset", "2025-03-04");
        set("resolved", "2025-03-06");
        submit("save-event");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "event"));
        set("date", "2025-02-20");
        type("lesions", "liver-1, liver, 42\nliver-2, liver, 25");
        submit("save-baseline");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "baseline"));
        set("date", "2025-06-02");
        type("measurements", "liver-1 = 30\nliver-2 = 18");
        new Select(driver.findElement(By.id("nonTargets"))).selectByValue("NONE_AT_BASELINE");
        submit("save-read");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "read"));
        set("date", "2025-09-01");
        type("measurements", "liver-1 = 31\nliver-2 = 18");
        new Select(driver.findElement(By.id("nonTargets"))).selectByValue("NONE_AT_BASELINE");
        new Select(driver.findElement(By.id("newLesion"))).selectByValue("yes");
        submit("save-read");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "read"));
        // 67 → 48 mm (−28 %): SD; then a new lesion: PD, the progression date
        assertThat(driver.findElement(By.id("reads")).getText()).contains("SD").contains("PD");
        assertThat(driver.findElement(By.id("outcome")).getText()).contains("progression 2025-09-01");
        Chromium.shot(driver, "t-08-follow-up");

        driver.findElement(By.linkText("Cohort")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-drawn=yes]")));
        assertThat(driver.findElement(By.id("at-risk")).getText()).contains("progression-free survival");
        Chromium.shot(driver, "t-09-cohort");

        // the refused dispensing form is a 400 by design; anything else severe is a fault
        var problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage()
                        .contains("/dispensing - Failed to load resource: the server responded with"
                                + " a status of 400"))
                .toList();
        assertThat(problems).as("browser console errors (e.g. CSP violations)").isEmpty();
    }
}
