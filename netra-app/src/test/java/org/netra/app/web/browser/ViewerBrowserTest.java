package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.TwinStudies;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.viewer.Studies;
import org.netra.app.web.TestServer;
import org.netra.app.web.therapy.TherapyFixture;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.testkit.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer in Chromium as a physicist uses it: the real SPECT with its readout under the cursor, the real PET/CT
 * with the CT presets and an SUV range, and a demo patient's own twin SPECT/CT fused. Screenshots (v-*.png) in
 * target/screenshots; the time from opening a study to its first image is written beside them
 * (viewer-first-image.txt) as a measurement, not a test.
 */
class ViewerBrowserTest {
    static final String PATIENT = "P-9001";

    /** A demo-like patient with one recorded cycle, whose twin the viewer shows. */
    static void recordCycle(Store store) {
        var course = TherapyFixture.register(store, PATIENT, "Vera Viewer", LocalDateTime.of(2025, 1, 13, 9, 30));
        store.records()
                .create(
                        ClinicalKinds.DOSIMETRY,
                        new DosimetryRecord(
                                ClinicalKinds.key(PATIENT, "prrt-1", "cycle-1"),
                                PATIENT,
                                course.id(),
                                new CycleDosimetry(
                                        1,
                                        LocalDate.of(2025, 1, 13),
                                        Activity.ofGBq(7.4),
                                        AbsorbedDose.ofGy(3.6),
                                        Duration.ofHours(48),
                                        Optional.empty(),
                                        AbsorbedDose.ofGy(0.15)),
                                List.of(),
                                "recorded"),
                        "test-setup");
    }

    @Test
    void readoutPresetsColourBarsAndTheTwinsFusedSpectCt() throws Exception {
        Chromium.requireInstalled();
        var folder = FolderStudies.scan(TestData.path("dicom"));
        var store = new AtomicReference<Store>();
        // the twins with their scans kept on disk; swapped for a fresh catalogue later, as a restarted server has
        Path kept = Files.createTempDirectory("netra-twin-scans");
        var cache = org.netra.app.demo.TwinScanCache.in(kept, 1L << 30);
        var twins = new AtomicReference<Studies>(new TwinStudies(store::get, cache));
        Studies swappable = new Studies() {
            @Override
            public java.util.List<Study> list() {
                return twins.get().list();
            }

            @Override
            public java.util.Optional<org.netra.app.viewer.Scene> scene(String id) {
                return twins.get().scene(id);
            }

            @Override
            public java.util.Optional<Opening> open(String id) {
                return twins.get().open(id);
            }
        };
        TestServer server = TestServer.custom(null, b -> b.studies(Studies.combined(folder, swappable)));
        store.set(server.store);
        recordCycle(server.store);
        BrowserSession s = BrowserSession.open(server, null);
        try {
            var wait = new WebDriverWait(s.driver, Duration.ofSeconds(180));
            s.signIn("physicist");

            // the real 177Lu SPECT at 28 h, opened cold (read from disk on first use): readout with Bq/mL, SUV and
            // the illustrative dose
            long opened = System.nanoTime();
            s.get("/imaging/lu177-dotatate-spect-scan_002");
            wait.until(d -> anyPanel(s));
            double realFirst = (System.nanoTime() - opened) / 1e9;
            wait.until(d -> loaded(s));
            double realAll = (System.nanoTime() - opened) / 1e9;
            opened = System.nanoTime();
            s.get("/imaging/lu177-dotatate-spect-scan_002");
            wait.until(d -> anyPanel(s));
            double realWarmFirst = (System.nanoTime() - opened) / 1e9;
            wait.until(d -> loaded(s));
            double realWarmAll = (System.nanoTime() - opened) / 1e9;
            new Actions(s.driver).moveToElement(s.find("img-axial"), 8, 12).perform();
            wait.until(d -> s.text("readout").contains("Bq/mL"));
            assertThat(s.text("readout")).contains("SUV").contains("Gy").doesNotContain("HU");
            s.driver.findElement(By.name("dose")).click();
            wait.until(d -> s.find("img-coronal").getAttribute("src").contains("dose=1"));
            wait.until(d -> loaded(s));
            s.shot("v-01-spect-readout-dose");

            // the real FDG PET/CT: lung window and SUV 0–10, then bone
            s.get("/imaging/fdg-pet-sts001-pet-bqml");
            wait.until(d -> loaded(s));
            new Select(s.find("ct-window")).selectByValue("lung");
            new Select(s.find("emission-scale")).selectByValue("suv10");
            wait.until(d -> s.find("img-axial").getAttribute("src").contains("ct=lung")
                    && s.find("img-axial").getAttribute("src").contains("scale=suv10"));
            wait.until(d -> loaded(s));
            new Actions(s.driver).moveToElement(s.find("img-axial")).perform();
            wait.until(d -> s.text("readout").contains("HU"));
            assertThat(s.text("readout")).contains("SUV").contains("Bq/mL");
            s.shot("v-02-petct-lung-suv10");
            new Select(s.find("ct-window")).selectByValue("bone");
            wait.until(d -> s.find("img-axial").getAttribute("src").contains("ct=bone"));
            wait.until(d -> loaded(s));
            s.shot("v-03-petct-bone");

            // the patient's own twin SPECT/CT at 24 h, from the list; first open simulates the cycle's scans, showing
            // meanwhile the scan's CT alone and the simulation's progress, then the whole study
            s.get("/imaging");
            var link = s.driver.findElement(By.partialLinkText("Vera Viewer · cycle 1 · SPECT/CT 24 h"));
            long started = System.nanoTime();
            link.click();
            wait.until(d -> anyPanel(s));
            double twinFirst = (System.nanoTime() - started) / 1e9;
            assertThat(s.driver.findElements(By.id("viewer-layers")))
                    .as("the simulation takes seconds: the first image is the CT while it runs")
                    .isEmpty();
            assertThat(s.text("twin-simulation")).contains("Simulating this cycle's SPECT");
            assertThat(s.text("twin-ct-only")).contains("no activity, VOI or dose is drawn");
            assertThat(s.driver.findElement(By.tagName("h1")).getText()).contains("SPECT/CT 24 h");
            wait.until(d -> allPanels(s));
            double twinCtOnly = (System.nanoTime() - started) / 1e9;
            s.shot("v-04a-twin-ct-while-simulating");
            wait.until(d -> !d.findElements(By.id("viewer-layers")).isEmpty());
            wait.until(d -> loaded(s));
            double twinAll = (System.nanoTime() - started) / 1e9;
            assertThat(s.driver.findElement(By.tagName("h1")).getText()).contains("SPECT/CT 24 h");
            assertThat(s.find("viewer-layers").getText()).contains("CT fusion", "VOI outlines", "dose map");
            new Actions(s.driver).moveToElement(s.find("img-coronal")).perform();
            wait.until(d -> s.text("readout").contains("HU"));
            s.shot("v-04-twin-spect-ct-24h");
            // isodose lines of the twin's dose map over its CT, with their legend
            new Select(s.find("isodose-levels")).selectByValue("1,2,5");
            wait.until(d -> s.find("img-axial").getAttribute("src").contains("isodose=1%2C2%2C5"));
            wait.until(d -> loaded(s));
            s.shot("v-06-twin-isodose-over-ct");
            // the same cycle's 96 h scan is already simulated: this is the viewer's own time to a first image
            s.get("/imaging");
            var later = s.driver.findElement(By.partialLinkText("Vera Viewer · cycle 1 · SPECT/CT 96 h"));
            started = System.nanoTime();
            later.click();
            wait.until(d -> anyPanel(s));
            double twinWarmFirst = (System.nanoTime() - started) / 1e9;
            wait.until(d -> loaded(s));
            double twinWarmAll = (System.nanoTime() - started) / 1e9;
            s.shot("v-05-twin-spect-ct-96h");
            // a restarted server (nothing in memory) whose cache holds the cycle: its 168 h scan read from disk
            assertThat(kept.toFile().list()).as("the cycle's scans kept").hasSize(1);
            twins.set(new TwinStudies(store::get, cache));
            s.get("/imaging");
            var fromDisk = s.driver.findElement(By.partialLinkText("Vera Viewer · cycle 1 · SPECT/CT 168 h"));
            started = System.nanoTime();
            fromDisk.click();
            wait.until(d -> anyPanel(s));
            double twinKeptFirst = (System.nanoTime() - started) / 1e9;
            wait.until(d -> loaded(s));
            double twinKeptAll = (System.nanoTime() - started) / 1e9;
            s.shot("v-07-twin-168h-from-kept-scans");
            // the MIP with the isodose lines of the dose MIP: the outlines of the volumes receiving them
            new Select(s.find("isodose-levels")).selectByValue("0.5,1,2");
            wait.until(d -> s.find("img-mip").getAttribute("src").contains("isodose=0.5%2C1%2C2"));
            wait.until(d -> loaded(s));
            s.shot("v-08-twin-isodose-on-mip");
            Files.writeString(
                    Chromium.SHOTS.resolve("viewer-first-image.txt"),
                    String.format(
                            Locale.ROOT,
                            "open → first panel image / all panels and colour bars, headless Chromium, test server:%n"
                                    + "  real 177Lu SPECT, cold (read from disk, dose map made): %.2f s / %.2f s%n"
                                    + "  real 177Lu SPECT, again (scene in memory): %.2f s / %.2f s%n"
                                    + "  twin SPECT/CT, first scan of a cycle (its CT at once; simulates its 4 scans +"
                                    + " CTs): %.2f s (CT panels %.2f s) / whole study %.2f s%n"
                                    + "  twin SPECT/CT, another scan of the same cycle: %.2f s / %.2f s%n"
                                    + "  twin SPECT/CT, first scan after a restart, the cycle's scans kept on disk:"
                                    + " %.2f s / %.2f s%n"
                                    + "  load average (1, 5, 15 min) at the end: %s%n",
                            realFirst,
                            realAll,
                            realWarmFirst,
                            realWarmAll,
                            twinFirst,
                            twinCtOnly,
                            twinAll,
                            twinWarmFirst,
                            twinWarmAll,
                            twinKeptFirst,
                            twinKeptAll,
                            Files.readString(Path.of("/proc/loadavg")).strip()));
            s.assertQuiet(e -> false);
        } finally {
            s.close();
            // the kept cycle's scans (≈ 35 MB)
            try (var files = Files.list(kept)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(kept);
        }
    }

    /** The first panel image has arrived (what the physician sees first). */
    static boolean anyPanel(BrowserSession s) {
        Object ok = ((JavascriptExecutor) s.driver)
                .executeScript("return Array.from(document.querySelectorAll('.panel img'))"
                        + ".some(function (i) { return i.complete && i.naturalWidth > 0; });");
        return Boolean.TRUE.equals(ok);
    }

    /** Every panel image has arrived (a page without colour bars: the CT shown while a twin is simulated). */
    static boolean allPanels(BrowserSession s) {
        Object ok = ((JavascriptExecutor) s.driver)
                .executeScript(
                        "var all = Array.from(document.querySelectorAll('.panel img'));"
                                + " return all.length > 0 && all.every(function (i) { return i.complete && i.naturalWidth > 0; });");
        return Boolean.TRUE.equals(ok);
    }

    /** Every panel image and colour bar has arrived. */
    static boolean loaded(BrowserSession s) {
        Object ok = ((JavascriptExecutor) s.driver)
                .executeScript("return Array.from(document.querySelectorAll('.panel img, img.colour-bar'))"
                        + ".every(function (i) { return i.complete && i.naturalWidth > 0; });");
        return Boolean.TRUE.equals(ok);
    }
}
