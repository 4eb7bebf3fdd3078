package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.DemoClinic;
import org.netra.app.web.TestServer;
import org.netra.store.clinical.PatientChart;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinical pathway in a real browser over the demo clinic: sign in, open a patient on treatment,
 * view a cycle's dosimetry, plan the next cycle as the physician, print the safety instructions, and
 * the cohort and calendar pages. Screenshots in target/screenshots (p-*.png).
 */
class PathwayBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        server = TestServer.custom(null, b -> b);
        new DemoClinic(2026, 12, LocalDate.now(ZoneOffset.UTC)).load(server.store, "demo-loader");
        profile = Files.createTempDirectory("netra-chromium-");
        driver = Chromium.start(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            Chromium.delete(profile);
        }
    }

    @Test
    void signInOpenAPatientViewDosimetryPlanTheNextCyclePrintTheSafetySheet() throws Exception {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        String pid = DemoClinic.patientId(2); // on treatment
        String name =
                PatientChart.load(server.store.records(), pid).patient().value().name();

        driver.get(server.base + "/login");
        driver.findElement(By.id("username")).sendKeys("physician");
        driver.findElement(By.id("password")).sendKeys(TestServer.password("physician"));
        driver.findElement(By.xpath("//button[text()='Sign in']")).click();
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));
        driver.findElement(By.linkText("Patients")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.data tbody tr")));
        assertThat(driver.findElements(By.cssSelector("table.data tbody tr"))).hasSize(12);
        Chromium.shot(driver, "p-01-patients");

        driver.findElement(By.linkText(name)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), name));
        assertThat(driver.findElement(By.id("eligibility")).getText()).contains("SSTR uptake");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-drawn=yes]")));
        Chromium.shot(driver, "p-02-chart");

        driver.findElement(By.cssSelector("a[href='/patients/" + pid + "/dosimetry/1']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dosimetry, cycle 1"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-drawn=yes]")));
        assertThat(driver.findElement(By.cssSelector("table.data")).getText())
                .contains("kidneys")
                .contains("±");
        Chromium.shot(driver, "p-03-dosimetry-cycle-1");

        driver.navigate().back();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-next")));
        driver.findElement(By.id("plan-next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "planned"));
        assertThat(driver.findElement(By.id("plan")).getText()).contains("Decided and recorded");
        Chromium.shot(driver, "p-04-next-cycle-planned");

        driver.findElement(By.cssSelector("a[href='/patients/" + pid + "/safety/1']"))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("print")));
        assertThat(driver.findElement(By.cssSelector(".sheet")).getText()).contains("until");
        // what the printer gets: the sheet without the app's bars and buttons
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(driver.findElement(By.id("print")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.cssSelector("header.bar")).isDisplayed())
                .isFalse();
        Chromium.shot(driver, "p-05-safety-sheet-print");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

        driver.findElement(By.linkText("Cohort")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-drawn=yes]")));
        Chromium.shot(driver, "p-06-cohort");
        driver.findElement(By.linkText("Calendar")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Calendar"));
        Chromium.shot(driver, "p-07-calendar");

        var problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(problems).as("browser console errors (e.g. CSP violations)").isEmpty();
    }
}
