package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.pacs.PacsPullTest;
import org.netra.interop.dicomweb.DicomWebClient;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In headless Chromium, a physicist opens the patient's page, pulls the real 177Lu SPECT's two time points and
 * RTSTRUCT from Orthanc (stored there at the start by STOW-RS), runs the job, pushes the RT Dose back, and the RT
 * Dose the page names is found in Orthanc by QIDO-RS. Screenshots of each step are kept.
 */
class PacsBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        server = TestServer.configured(c -> c.withPacsUrl(Optional.of(PacsPullTest.ORTHANC)));
        profile = Files.createTempDirectory("netra-chromium-");
        driver = Chromium.start(profile);
        Files.createDirectories(Chromium.SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, server, profile);
    }

    @Test
    void theRealSpectGoesFromThePacsThroughAJobAndItsDoseBack() throws Exception {
        var pacs = new DicomWebClient(DicomWebClient.Settings.of(PacsPullTest.ORTHANC));
        TreeSet<String> stored = PacsPullTest.storeRealSpect(pacs, new TreeSet<>());
        PacsPullTest.addPatient(server, "ANON54121", "John Doe");

        var wait = new WebDriverWait(driver, Duration.ofSeconds(300));
        driver.get(server.base + "/login");
        driver.findElement(By.id("username")).sendKeys("physicist");
        driver.findElement(By.id("password")).sendKeys(TestServer.password("physicist"));
        driver.findElement(By.xpath("//button[text()='Sign in']")).click();
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));
        driver.get(server.base + "/patients/ANON54121");
        driver.findElement(By.id("pull-from-pacs")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pacs-pull")));
        for (String s : stored) {
            driver.findElement(By.cssSelector("input.pacs-series[value='" + s + "']"))
                    .click();
        }
        new Select(driver.findElement(By.name("method"))).selectByValue("local-deposition");
        Chromium.shot(driver, "pacs-pick-series");
        driver.findElement(By.id("pacs-pull")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-series")));
        assertThat(driver.findElements(By.cssSelector("input[name=timepoint]:checked")))
                .hasSize(2);
        assertThat(driver.findElements(By.cssSelector("input[name=voi]"))).hasSize(2);
        Chromium.shot(driver, "pacs-choose-time-points");
        driver.findElement(By.id("start-job")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("push-job")));
        Chromium.shot(driver, "pacs-job-done");
        driver.findElement(By.id("push-job")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("push-ok")));
        Chromium.shot(driver, "pacs-pushed");

        String study = driver.findElement(By.id("pushed-study")).getText();
        String doseUid = driver.findElement(By.xpath("//table[@id='pushed']//tr[th='RT Dose']/td[1]"))
                .getText();
        boolean found = false;
        for (var series : pacs.searchSeries(Optional.of(study), Map.of("Modality", "RTDOSE"))) {
            found |= pacs.searchInstances(study, series.seriesInstanceUid()).contains(doseUid);
        }
        assertThat(found)
                .as("Orthanc holds the RT Dose " + doseUid + " in study " + study)
                .isTrue();
    }
}
