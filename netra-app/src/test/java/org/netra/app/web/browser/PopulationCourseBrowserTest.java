package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PopulationModelSettings;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A physicist refits the population model and sets the accepted risk in a real browser, then reads the predicted
 * course (fan charts, table, next activity) on a cycle's dosimetry page, also with scripts off. Screenshots in
 * target/screenshots (pop-*.png).
 */
class PopulationCourseBrowserTest {
    private static final ZoneId DEPARTMENT = ZoneId.of("Europe/Berlin");
    private static TestServer server;
    private static ChromeDriver driver;
    private static ChromeDriver noScript;
    private static Path profile;
    private static Path noScriptProfile;
    private static String pid;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        LocalDate asOf = LocalDate.of(2021, 9, 6);
        Clock clinic = Clock.fixed(asOf.atTime(9, 30).atZone(DEPARTMENT).toInstant(), DEPARTMENT);
        server = TestServer.custom(null, b -> b.clock(clinic));
        new SyntheticDemoCohort(2026, 12, asOf).load(server.store, "demo-loader");
        pid = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .filter(d -> d.dosimetry().cycle() == 1)
                .findFirst()
                .orElseThrow()
                .patientId();
        profile = Files.createTempDirectory("netra-chromium-");
        driver = Chromium.start(profile);
        noScriptProfile = Files.createTempDirectory("netra-chromium-noscript-");
        noScript = Chromium.start(noScriptProfile, false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (noScript != null) {
            noScript.quit();
        }
        Chromium.stop(driver, server, profile);
    }

    private static void signIn(ChromeDriver d) {
        var wait = new WebDriverWait(d, Duration.ofSeconds(20));
        d.get(server.base + "/login");
        d.findElement(By.id("username")).sendKeys("physicist");
        d.findElement(By.id("password")).sendKeys(TestServer.password("physicist"));
        d.findElement(By.xpath("//button[text()='Sign in']")).click();
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));
    }

    /**
     * A course under way (the demo's courses are all complete): a new patient whose cycle 1 has the dosimetry of the
     * demo patient's cycle 1, with cycles 2–4 still planned.
     */
    private static String courseUnderWay() {
        String id = "P-UNDERWAY";
        var measured = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .filter(d -> d.patientId().equals(pid) && d.dosimetry().cycle() == 1)
                .findFirst()
                .orElseThrow();
        var course = org.netra.app.web.therapy.TherapyFixture.register(
                server.store, id, "Greta Lind", measured.dosimetry().date().atTime(9, 30));
        server.store
                .records()
                .create(
                        ClinicalKinds.DOSIMETRY,
                        new org.netra.store.clinical.DosimetryRecord(
                                course.id() + "/cycle-1",
                                id,
                                course.id(),
                                measured.dosimetry(),
                                measured.tumours(),
                                measured.method()),
                        "test-setup");
        return id;
    }

    private static int latestMeasuredCycle(String patientId) {
        return server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .filter(d -> d.patientId().equals(patientId))
                .mapToInt(d -> d.dosimetry().cycle())
                .max()
                .orElseThrow();
    }

    @Test
    void aPhysicistRefitsAndReadsThePredictedCourse() throws Exception {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        signIn(driver);

        driver.get(server.base + "/admin/population");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("population-regions")));
        assertThat(driver.findElement(By.id("population-regions")).getText()).contains("kidney");
        Chromium.shot(driver, "pop-01-defaults");

        driver.findElement(By.id("refit-population")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("population-message")));
        assertThat(driver.findElement(By.id("population-message")).getText()).contains("version 1");
        assertThat(driver.findElement(By.id("refit-notes")).getText()).contains("kidney");
        Chromium.shot(driver, "pop-02-refitted");

        // a bad risk level: 400 naming the field, nothing saved
        var field = driver.findElement(By.id("riskLevel"));
        field.clear();
        field.sendKeys("60");
        driver.findElement(By.id("save-risk-level")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
        assertThat(driver.findElement(By.cssSelector(".field-error")).getText()).contains("at most 50");
        Chromium.shot(driver, "pop-03-bad-risk");
        field = driver.findElement(By.id("riskLevel"));
        field.clear();
        field.sendKeys("10");
        driver.findElement(By.id("save-risk-level")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("population-message"), "Saved"));
        assertThat(server.store
                        .records()
                        .get(ClinicalKinds.POPULATION_MODEL, PopulationModelSettings.ID)
                        .value()
                        .riskLevel())
                .isEqualTo(0.10);

        driver.get(server.base + "/patients/" + pid + "/dosimetry/1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("forecast")));
        assertThat(driver.findElement(By.id("forecast-next")).getText()).contains("≤ 10 %");
        assertThat(driver.findElements(By.cssSelector("#fan-kidney polygon"))).hasSize(2);
        assertThat(driver.findElements(By.cssSelector("#fan-marrow polygon"))).hasSize(2);
        assertThat(driver.findElement(By.id("forecast-table")).getText())
                .contains("measured")
                .contains("90 %");
        driver.executeScript("document.getElementById('forecast').scrollIntoView({block: 'start'})");
        Chromium.shot(driver, "pop-04-forecast");

        // the patient's plan shows the same forecast after the latest measured cycle, rendered the same way: for the
        // patient above, and for one whose course is under way (cycles still planned, so the fan opens)
        driver.get(server.base + "/patients/" + pid + "#plan");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("course-forecast")));
        int latest = latestMeasuredCycle(pid);
        assertThat(driver.findElement(By.id("course-forecast")).getText())
                .contains("Predicted course after cycle " + latest);
        String underWay = courseUnderWay();
        driver.get(server.base + "/patients/" + underWay + "#plan");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("course-forecast")));
        int measured = latestMeasuredCycle(underWay);
        assertThat(driver.findElement(By.id("course-forecast")).getText())
                .contains("Predicted course after cycle " + measured)
                .contains("P(kidney BED > 27 Gy)");
        assertThat(driver.findElements(By.cssSelector("#course-forecast #fan-kidney polygon")))
                .hasSize(2);
        assertThat(driver.findElements(By.cssSelector("#course-forecast #fan-marrow polygon")))
                .hasSize(2);
        // the measured cycle, then each planned cycle to 4
        assertThat(driver.findElements(By.cssSelector("#course-forecast #forecast-table tbody tr")))
                .hasSize(4 - measured + 1);
        String onPlan = driver.findElement(By.id("forecast-table")).getText();
        // one forecast, one seed per course and cycle: the plan's table is the cycle page's table
        driver.get(server.base + "/patients/" + underWay + "/dosimetry/" + measured);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("forecast-table")));
        assertThat(driver.findElement(By.id("forecast-table")).getText()).isEqualTo(onPlan);
        driver.get(server.base + "/patients/" + underWay + "#plan");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("course-forecast")));
        driver.executeScript("document.getElementById('course-forecast').scrollIntoView({block: 'start'})");
        Chromium.shot(driver, "pop-06-plan-forecast");

        // with scripts off the charts are there: they are SVG in the page, not drawn by script
        signIn(noScript);
        noScript.get(server.base + "/patients/" + pid + "/dosimetry/1");
        new WebDriverWait(noScript, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("fan-kidney")));
        noScript.executeScript("document.getElementById('forecast').scrollIntoView({block: 'start'})");
        Chromium.shot(noScript, "pop-05-forecast-no-script");
        noScript.get(server.base + "/patients/" + underWay + "#plan");
        new WebDriverWait(noScript, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#course-forecast #fan-kidney")));
        noScript.executeScript("document.getElementById('course-forecast').scrollIntoView({block: 'start'})");
        Chromium.shot(noScript, "pop-07-plan-forecast-no-script");

        // the virtual-cycle-0 predictors: recalibrated with the page's button from the one course with a PET
        // prediction and a measured cycle 1
        var first = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .filter(d -> d.patientId().equals(pid) && d.dosimetry().cycle() == 1)
                .findFirst()
                .orElseThrow();
        server.store
                .records()
                .create(
                        ClinicalKinds.CYCLE_ZERO,
                        new org.netra.app.cyclezero.VirtualCycleZero(server.store.records())
                                .predict(
                                        pid,
                                        first.courseId(),
                                        first.dosimetry().date().minusWeeks(4),
                                        12,
                                        java.util.Optional.empty(),
                                        java.util.Map.of(),
                                        4),
                        "physician");
        driver.get(server.base + "/admin/population");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recalibrate-cycle-zero")));
        assertThat(driver.findElement(By.id("cycle-zero-version")).getText()).isEqualTo("0");
        driver.findElement(By.id("recalibrate-cycle-zero")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cycle-zero-message")));
        assertThat(driver.findElement(By.id("cycle-zero-message")).getText())
                .contains("from 1 patient and saved as version 1 (was 0)");
        assertThat(driver.findElement(By.id("cycle-zero-fits")).getText())
                .contains("kidney")
                .contains("1 measured");
        driver.executeScript("document.getElementById('cycle-zero-predictors').scrollIntoView({block: 'start'})");
        Chromium.shot(driver, "pop-08-cycle-zero-recalibrated");

        // a reader without a session is sent to sign in, not shown the forecast
        var anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.base + "/admin/population"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.body()).doesNotContain("population-regions");
    }
}
