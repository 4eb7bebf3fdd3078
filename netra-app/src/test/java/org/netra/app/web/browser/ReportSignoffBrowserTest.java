package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A physicist approves and signs a cycle's dosimetry report in a real browser, then signs an amendment with its
 * reason; the page shows the state and a download of each signed version. Screenshots in target/screenshots
 * (r-*.png).
 */
class ReportSignoffBrowserTest {
    private static final ZoneId DEPARTMENT = ZoneId.of("Europe/Berlin");
    private static TestServer server;
    private static ChromeDriver driver;
    private static Path profile;
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
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, server, profile);
    }

    @Test
    void aPhysicistSignsTheReportAndThenAnAmendment() throws Exception {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(server.base + "/login");
        driver.findElement(By.id("username")).sendKeys("physicist");
        driver.findElement(By.id("password")).sendKeys(TestServer.password("physicist"));
        driver.findElement(By.xpath("//button[text()='Sign in']")).click();
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));

        driver.get(server.base + "/patients/" + pid + "/dosimetry/1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-state")));
        assertThat(driver.findElement(By.id("report-state")).getText()).isEqualTo("draft (not signed)");
        Chromium.shot(driver, "r-01-report-draft");

        driver.findElement(By.xpath("//button[text()='Approve and sign report']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-state"), "signed by"));
        assertThat(driver.findElement(By.id("report-state")).getText())
                .isEqualTo("signed by Test Physicist at 2021-09-06 09:30 (Europe/Berlin)");
        assertThat(driver.findElement(By.id("report-versions")).getText())
                .contains("v1")
                .contains("Medical physicist")
                .contains("download v1");
        Chromium.shot(driver, "r-02-report-signed");

        driver.findElement(By.name("reason")).sendKeys("kidney VOI redrawn");
        driver.findElement(By.xpath("//button[text()='Sign amended report v2']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-state"), "amended v2"));
        assertThat(driver.findElement(By.id("report-versions")).getText())
                .contains("kidney VOI redrawn")
                .contains("download v2");
        driver.executeScript("document.getElementById('report').scrollIntoView({block: 'start'})");
        Chromium.shot(driver, "r-03-report-amended");

        // each link downloads the version exactly as stored
        String href = driver.findElement(By.linkText("download v1")).getAttribute("href");
        assertThat(href).endsWith("/patients/" + pid + "/dosimetry/1/report/signed/1");
        assertThat(server.store.signedReports().versions(pid, 1)).hasSize(2);
    }
}
