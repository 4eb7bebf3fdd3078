package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.testkit.PatientMedia;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A physicist uploads a patient CD (dcmmkdir's DICOMDIR over the real SPECT's two time points and RTSTRUCT, all
 * files in one folder) through the dosimetry page in headless Chromium and is offered the DICOMDIR's series by
 * patient and study.
 */
class PatientCdBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        server = TestServer.custom(null, b -> b);
        profile = Files.createTempDirectory("netra-chromium-");
        driver = Chromium.start(profile);
        Files.createDirectories(Chromium.SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, server, profile);
    }

    @Test
    void aPatientCdIsOfferedByItsDicomDirsPatientsStudiesAndSeries() throws Exception {
        Path cd = Files.createDirectories(profile.resolve("CD"));
        PatientMedia.makeCycle(cd);
        Path zip = profile.resolve("patient-cd.zip");
        var bytes = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(bytes);
                Stream<Path> walk = Files.walk(cd)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(
                        new ZipEntry("CD/" + cd.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
            }
        }
        Files.write(zip, bytes.toByteArray());

        var wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        driver.get(server.base + "/login");
        driver.findElement(By.id("username")).sendKeys("physicist");
        driver.findElement(By.id("password")).sendKeys(TestServer.password("physicist"));
        driver.findElement(By.xpath("//button[text()='Sign in']")).click();
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));
        driver.findElement(By.linkText("Dosimetry jobs")).click();
        driver.findElement(By.id("zip")).sendKeys(zip.toString());
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("method")))
                .selectByValue("local-deposition");
        driver.findElement(By.id("start-job")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-series")));

        var rows = driver.findElements(By.cssSelector("#upload-series tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(driver.findElements(By.cssSelector(".series-patient")))
                .allSatisfy(td -> assertThat(td.getText()).isEqualTo("DOE JOHN (ANON54121)"));
        assertThat(driver.findElements(By.cssSelector(".series-study")))
                .allSatisfy(td -> assertThat(td.getText()).startsWith("2018-11-15"));
        assertThat(driver.findElements(By.cssSelector("input[name=timepoint]:checked")))
                .extracting(e -> e.getAttribute("value"))
                .containsExactly("media/S1000_PT", "media/S1000_PT_2");
        assertThat(driver.findElements(By.cssSelector("input[name=voi]"))).hasSize(2);
        Chromium.shot(driver, "patient-cd-choose-series");
    }
}
