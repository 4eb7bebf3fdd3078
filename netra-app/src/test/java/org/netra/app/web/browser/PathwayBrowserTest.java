package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.demo.TwinDosimetry;
import org.netra.app.web.TestServer;
import org.netra.app.web.patient.ClinicalDirectory;
import org.netra.app.web.patient.CyclePlanner;
import org.netra.store.clinical.PatientChart;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinical pathway in a real browser over the demo's synthetic cohort: sign in, open a patient on treatment,
 * view a cycle's dosimetry, plan the next cycle as the physician, print the safety instructions, and
 * the cohort and calendar pages. Screenshots in target/screenshots (p-*.png).
 */
class PathwayBrowserTest {
    static final LocalDate AS_OF = LocalDate.of(2021, 9, 6);
    private static Clock clinic;
    private static TestServer server;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        // the demo's own data: netra-sim's cohort as the clinic knew it on its date, the clock running from it
        var now = Clock.systemUTC();
        clinic = Clock.offset(
                now, Duration.between(now.instant(), AS_OF.atTime(9, 0).toInstant(ZoneOffset.UTC)));
        server = TestServer.custom(null, b -> b.clock(clinic));
        new SyntheticDemoCohort(2026, 80, AS_OF).load(server.store, "demo-loader");
        profile = Files.createTempDirectory("netra-chromium-");
        driver = Chromium.start(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, server, profile);
    }

    @Test
    void signInOpenAPatientViewDosimetryPlanTheNextCyclePrintTheSafetySheet() throws Exception {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // a patient between cycles, whose next cycle is to be planned
        var planner = new CyclePlanner(server.store, clinic);
        String pid = new ClinicalDirectory(server.store, clinic)
                .search("").stream()
                        .filter(p -> p.status().equals("on treatment"))
                        .filter(p -> planner.propose(p.id()).possible())
                        .findFirst()
                        .orElseThrow()
                        .id();
        String name =
                PatientChart.load(server.store.records(), pid).patient().value().name();
        // as in the demo: the twin's quantitative SPECT of cycle 1 measured by a dosimetry job, attached to the course
        var cycle1 = PatientChart.load(server.store.records(), pid).dosimetry().stream()
                .map(s -> s.value())
                .filter(d -> d.dosimetry().cycle() == 1)
                .findFirst()
                .orElseThrow();
        TwinDosimetry.queue(server.store, server.app.jobs(), "demo-loader", cycle1);
        assertThat(server.app.jobs().awaitIdle(Duration.ofMinutes(2))).isTrue();

        driver.get(server.base + "/login");
        driver.findElement(By.id("username")).sendKeys("physician");
        driver.findElement(By.id("password")).sendKeys(TestServer.password("physician"));
        driver.findElement(By.xpath("//button[text()='Sign in']")).click();
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));
        driver.findElement(By.linkText("Patients")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.data tbody tr")));
        assertThat(driver.findElements(By.cssSelector("table.data tbody tr"))).hasSizeGreaterThan(20);
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
                .contains("±")
                .contains("Tumour_liver_1");
        assertThat(driver.findElements(By.cssSelector("#cycle-dvh[data-drawn=yes]")))
                .hasSize(1);
        Chromium.shot(driver, "p-03-dosimetry-cycle-1");
        driver.executeScript("document.getElementById('cycle-tac').scrollIntoView({block: 'start'})");
        Chromium.shot(driver, "p-03b-dosimetry-curves-and-dvh");

        driver.navigate().back();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-next")));
        driver.findElement(By.id("plan-next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "planned"));
        assertThat(driver.findElement(By.id("plan")).getText()).contains("Decided and recorded");
        driver.executeScript("document.querySelector('.proposal').scrollIntoView({block: 'center'})");
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
