package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.viewer.Studies;
import org.netra.app.web.TestServer;
import org.netra.app.web.patient.PatientSummary;
import org.netra.testkit.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in Debian's headless Chromium, driven by Selenium with the system chromedriver (Selenium
 * Manager never runs: both paths are given). Screenshots land in target/screenshots.
 */
class BrowserTest {
    static final Path SHOTS = Chromium.SHOTS;

    /** Three invented patients, so the list has rows to show (the clinical module brings the real ones). */
    static final List<PatientSummary> PATIENTS = List.of(
            new PatientSummary("NET-0001", "Example, Alma", "on treatment", "cycle 2 of 4 on 12 May"),
            new PatientSummary("NET-0002", "Sample, Bruno", "screening", "68Ga-DOTATATE PET/CT booked"),
            new PatientSummary("NET-0003", "Placeholder, Chen", "follow-up", "labs due in 2 weeks"));

    private static TestServer server;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        Studies studies;
        try {
            studies = FolderStudies.scan(TestData.path("dicom"));
        } catch (org.opentest4j.TestAbortedException e) {
            studies = Studies.none(); // the viewer test skips on its own
        }
        Studies shown = studies;
        server = TestServer.custom(null, b -> b.patients(query -> PATIENTS.stream()
                        .filter(p -> p.name().toLowerCase().contains(query.toLowerCase()))
                        .toList())
                .studies(shown));
        profile = Files.createTempDirectory("netra-chromium-");
        driver = Chromium.start(profile);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, server, profile);
    }

    @Test
    void signInSeeTheDashboardAndPatientsSignOut() throws Exception {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        driver.get(server.base + "/login");
        driver.manage().deleteAllCookies(); // another test may have signed in first
        driver.get(server.base + "/patients");
        wait.until(ExpectedConditions.urlContains("/login?next="));
        shot("01-login");

        signIn("physician", "not-my-password");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("Wrong user name or password");
        shot("02-login-wrong-password");

        signIn("physician", TestServer.password("physician"));
        wait.until(ExpectedConditions.urlToBe(server.base + "/patients"));
        assertThat(driver.findElements(By.cssSelector("table.data tbody tr"))).hasSize(3);
        shot("03-patients");

        // htmx: the rows are replaced as one types, with the CSRF header and under the strict CSP
        var search = driver.findElement(By.id("q"));
        search.sendKeys("sam");
        wait.until(d -> d.findElements(By.cssSelector("table.data tbody tr")).size() == 1);
        search.sendKeys("zzz");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient-rows"), "No patient matches"));
        shot("04-patients-no-match");

        driver.findElement(By.linkText("Home")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-drawn=yes]")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Dr Test Physician");
        assertThat(driver.findElements(By.linkText("Users"))).isEmpty();
        shot("05-dashboard");

        driver.findElement(By.xpath("//button[text()='Sign out']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "signed out"));
        driver.get(server.base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));

        signIn("admin", TestServer.password("admin"));
        // the sign-in's own navigation must finish first, or it can land after (and over) the next get
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Welcome"));
        driver.get(server.base + "/admin/users");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        shot("06-users");
        driver.findElement(By.id("username")).sendKeys("BAD NAME");
        driver.findElement(By.id("fullName")).sendKeys("Someone New");
        driver.findElement(By.id("password")).sendKeys("short");
        driver.findElement(By.xpath("//button[text()='Create user']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username-error")));
        shot("07-users-invalid");
        driver.get(server.base + "/admin/audit");
        shot("08-audit");
        driver.get(server.base + "/nowhere");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        shot("09-not-found");

        List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // the wrong password, the invalid form and the 404 above are answered with 4xx on purpose
                .filter(e -> !e.getMessage().contains("the server responded with a status of 4"))
                .toList();
        assertThat(problems).as("browser console errors (e.g. CSP violations)").isEmpty();
    }

    @Test
    void theViewerScrollsSlicesAndShowsLayers() throws Exception {
        TestData.path("dicom/lu177-dotatate-spect/SCAN_002");
        var wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.manage().deleteAllCookies();
        driver.get(server.base + "/login");
        signIn("physicist", TestServer.password("physicist"));
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));
        driver.findElement(By.linkText("Imaging")).click();
        driver.findElement(By.partialLinkText("lu177-dotatate-spect/SCAN_002")).click();
        wait.until(d -> allImagesLoaded());
        var axial = driver.findElement(By.id("slice-axial"));
        String before = driver.findElement(By.id("img-axial")).getAttribute("src");
        for (int i = 0; i < 12; i++) {
            axial.sendKeys(Keys.ARROW_LEFT);
        }
        wait.until(d -> !d.findElement(By.id("img-axial")).getAttribute("src").equals(before));
        assertThat(driver.findElement(By.cssSelector("figure[data-plane=axial] output"))
                        .getText())
                .isEqualTo("88 / 199");
        driver.findElement(By.name("dose")).click();
        wait.until(d -> d.findElement(By.id("img-coronal")).getAttribute("src").contains("dose=1"));
        wait.until(d -> allImagesLoaded());
        shot("10-viewer-spect-dose");

        driver.findElement(By.linkText("Imaging")).click();
        driver.findElement(By.partialLinkText("fdg-pet-sts001/pet-bqml")).click();
        wait.until(d -> allImagesLoaded());
        shot("11-viewer-pet-ct-fusion");
    }

    @Test
    void aPhysicistUploadsAZipChoosesTimePointsAndVoisAndWatchesTheJob() throws Exception {
        Path spect = TestData.path("dicom/lu177-dotatate-spect");
        Path zip = profile.resolve("cycle.zip");
        Files.write(zip, org.netra.app.web.dosimetry.DosimetryJobTest.zip(spect));
        var wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        driver.manage().deleteAllCookies();
        driver.get(server.base + "/login");
        signIn("physicist", TestServer.password("physicist"));
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));
        driver.findElement(By.linkText("Dosimetry jobs")).click();
        driver.findElement(By.id("zip")).sendKeys(zip.toString());
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("method")))
                .selectByValue("local-deposition");
        driver.findElement(By.id("start-job")).click();
        // the upload's time points and VOIs, all ticked
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-series")));
        assertThat(driver.findElements(By.cssSelector("input[name=timepoint]:checked")))
                .hasSize(2);
        var vois = driver.findElements(By.cssSelector("input[name=voi]"));
        assertThat(vois).hasSize(2);
        shot("12-upload-choose-time-points-and-vois");
        vois.get(1).click(); // leave out the second VOI
        driver.findElement(By.id("start-job")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-progress")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-result")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-tac[data-drawn=yes]")));
        assertThat(driver.findElements(By.cssSelector("#job-result tbody tr"))).hasSize(1);
        assertThat(driver.findElement(By.id("job-progress")).getAttribute("value"))
                .isEqualTo("100");
        shot("13-dosimetry-job-done");
    }

    private static boolean allImagesLoaded() {
        Object ok = ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return Array.from(document.querySelectorAll('.panel img'))"
                        + ".every(function (i) { return i.complete && i.naturalWidth > 0; });");
        return Boolean.TRUE.equals(ok);
    }

    private static void signIn(String user, String password) {
        WebDriver d = driver;
        d.findElement(By.id("username")).clear();
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(password);
        d.findElement(By.xpath("//button[text()='Sign in']")).click();
    }

    private static void shot(String name) throws Exception {
        Chromium.shot(driver, name);
    }
}
