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
import org.netra.app.web.imaging.CdImports;
import org.netra.imaging.dicom.DicomDir;
import org.netra.testkit.PatientMedia;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The study list's patient CD import in headless Chromium: a physicist uploads a CD (dcmmkdir's DICOMDIR over the
 * real 177Lu SPECT's two time points and RTSTRUCT, every file in one flat folder) on {@code /imaging}, sees its
 * patient, study and series as the DICOMDIR lists them (checked against the DICOMDIR read on its own), picks the
 * first time point and the RTSTRUCT, and finds the study in the list with its VOIs, opens it in the viewer, and
 * finds the import in the audit trail. Picking nothing is refused on the page, naming the field.
 */
class CdImportBrowserTest {
    private static TestServer server;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        server = TestServer.custom(null, b -> b);
        profile = Files.createTempDirectory("netra-chromium-");
        driver = Chromium.start(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, server, profile);
    }

    @Test
    void aPatientCdsPickedSeriesJoinTheStudyList() throws Exception {
        Path cd = Files.createDirectories(profile.resolve("CD"));
        Path dicomDir = PatientMedia.makeCycle(cd);
        DicomDir index = DicomDir.read(dicomDir);
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

        var wait = new WebDriverWait(driver, Duration.ofSeconds(180));
        driver.get(server.base + "/login");
        driver.findElement(By.id("username")).sendKeys("physicist");
        driver.findElement(By.id("password")).sendKeys(TestServer.password("physicist"));
        driver.findElement(By.xpath("//button[text()='Sign in']")).click();
        wait.until(ExpectedConditions.urlToBe(server.base + "/"));
        driver.findElement(By.linkText("Imaging")).click();
        assertThat(driver.findElements(By.id("studies"))).isEmpty();
        driver.findElement(By.id("zip")).sendKeys(zip.toString());
        driver.findElement(By.id("cd-upload")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cd-import-series")));

        // one patient, one study, its three series: as the DICOMDIR records them
        var patient = index.patients().getFirst();
        var study = patient.studies().getFirst();
        assertThat(index.patients()).hasSize(1);
        assertThat(patient.studies()).hasSize(1);
        assertThat(driver.findElements(By.className("cd-study-title")))
                .singleElement()
                .extracting(WebElement::getText)
                .asString()
                .startsWith("DOE JOHN (" + patient.id() + ") · " + study.date().orElseThrow());
        assertThat(driver.findElements(By.className("cd-modality")))
                .extracting(WebElement::getText)
                .containsExactlyElementsOf(
                        study.series().stream().map(DicomDir.Series::modality).toList());
        assertThat(driver.findElements(By.cssSelector(".cd-series td:last-child")))
                .extracting(WebElement::getText)
                .containsExactlyElementsOf(study.series().stream()
                        .map(s -> String.valueOf(s.files().size()))
                        .toList());
        Chromium.shot(driver, "cd-import-series");

        // nothing picked: refused on the page, the CD still offered
        driver.findElement(By.id("cd-import-series")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cd-error")));
        assertThat(driver.findElement(By.id("cd-error")).getText())
                .startsWith("series: pick at least one PET or SPECT series");

        driver.findElement(By.id("s-media/S1000_PT")).click();
        driver.findElements(By.cssSelector("input[name=series]")).stream()
                .filter(e -> e.getAttribute("value").endsWith("_RTSTRUCT"))
                .findFirst()
                .orElseThrow()
                .click();
        Chromium.shot(driver, "cd-import-picked");
        driver.findElement(By.id("cd-import-series")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cd-imported")));

        var imported = driver.findElements(By.className("imported-study"));
        assertThat(imported)
                .singleElement()
                .extracting(WebElement::getText)
                .asString()
                .endsWith("/S1000_PT");
        var row = driver.findElement(By.cssSelector("#studies tbody tr"));
        assertThat(row.getText()).contains("S1000_PT").endsWith("– yes"); // no CT picked; the VOIs came with it
        // listed by the patient's name and the study date the CD's DICOMDIR gives, then the folder
        assertThat(row.getText())
                .contains(patient.name().replace('^', ' ') + " · study of "
                        + study.date().orElseThrow() + " · cd-");
        Chromium.shot(driver, "cd-imported-study-list");

        var record = server.store.records().list(CdImports.ImportRecord.KIND).stream()
                .map(r -> r.value())
                .findFirst()
                .orElseThrow();
        var firstSpect = study.series().stream()
                .filter(s -> s.modality().equals("PT"))
                .findFirst()
                .orElseThrow();
        var structureSet = study.series().stream()
                .filter(s -> s.modality().equals("RTSTRUCT"))
                .findFirst()
                .orElseThrow();
        assertThat(record.seriesInstanceUids())
                .containsExactlyInAnyOrder(firstSpect.instanceUid(), structureSet.instanceUid());
        assertThat(server.store.audit().history(CdImports.ImportRecord.KIND.name(), record.id()))
                .isNotEmpty();
        try (var files = Files.list(server.config
                .dataDir()
                .resolve("imaging")
                .resolve(record.studies().getFirst())
                .resolve("S1000_PT")
                .resolve("image"))) {
            assertThat(files.count()).isEqualTo(firstSpect.files().size());
        }

        imported.getFirst().click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("img")));
        assertThat(driver.getPageSource()).contains("S1000_PT");
        // the slices render on the server once the page asks for them
        wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return [...document.images].length > 0"
                        + " && [...document.images].every(i => i.complete && i.naturalWidth > 0)"));
        Chromium.shot(driver, "cd-imported-study-viewer");
    }
}
