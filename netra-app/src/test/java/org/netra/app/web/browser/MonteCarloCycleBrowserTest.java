package org.netra.app.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.demo.TwinDosimetry;
import org.netra.app.dosimetry.MonteCarloChoices;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.testkit.ExternalTool;
import org.openqa.selenium.By;

/**
 * A cycle measured by the Monte Carlo beside the kernel (a demo patient's digital twin scanned by the SPECT model,
 * with the twin's CT density, through the same queue and pipeline as an upload) and attached to the course: the
 * cycle's page in Debian's Chromium and its PDF report (read back by Poppler's pdftotext, pages drawn by pdftoppm)
 * show the "Monte Carlo vs kernel" table, each VOI's two doses, the statistical SD, the difference and the flag,
 * with the settings chosen (seed, target, time limit, threads), and below the VOIs the regions netra draws itself
 * around each tumour and kidney from the CT (marked automatic, flagged by their own rule). Screenshots target/screenshots/mc-01-cycle.png and
 * target/screenshots/mc-report-*.png.
 */
class MonteCarloCycleBrowserTest {
    private static BrowserSession b;
    private static DosimetryRecord cycle;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        ExternalTool.require("pdftotext", "poppler-utils");
        ExternalTool.require("pdftoppm", "poppler-utils");
        b = BrowserSession.open(TestServer.custom(null, s -> s), null);
        new SyntheticDemoCohort(2026, 12, LocalDate.of(2021, 9, 6)).load(b.server.store, "demo-loader");
        cycle = b.server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .filter(d -> d.dosimetry().cycle() == 1)
                .findFirst()
                .orElseThrow();
        // a coarse target and a short limit: what is checked is the surface, not the physics (MonteCarloCycleTest)
        TwinDosimetry.queue(
                b.server.store,
                b.server.app.jobs(),
                "physicist",
                cycle,
                Optional.of(new MonteCarloChoices("7", "5", "60s", "1")));
        assertThat(b.server.app.jobs().awaitIdle(java.time.Duration.ofMinutes(15)))
                .isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void theCyclePageAndTheReportShowTheMonteCarloBesideTheKernel() throws Exception {
        var job = b.server.app.jobs().list().getFirst();
        assertThat(job.error()).isEmpty();
        assertThat(job.attachedTo()).isEqualTo(cycle.id());
        String page = "/patients/" + cycle.patientId() + "/dosimetry/1";

        b.signIn("physicist");
        b.get(page);
        b.waitFor("monte-carlo-table");
        b.driver.executeScript("document.getElementById('monte-carlo').scrollIntoView()");
        b.shot("mc-01-cycle");
        var table = b.driver.findElement(By.id("monte-carlo-table"));
        // the text as written (the style shows headers in capitals)
        var header = table.findElements(By.cssSelector("thead th")).stream()
                .map(e -> e.getDomProperty("textContent"))
                .toList();
        assertThat(header)
                .containsExactly(
                        "region",
                        "Monte Carlo Gy (± 1 SD)",
                        "statistical SD (%)",
                        "voxel kernel Gy",
                        "difference",
                        "flag (> 5 %)");
        // the rows with cells: the VOIs, then the automatic regions (after their group's heading line)
        var rows = table.findElements(By.cssSelector("tbody tr")).stream()
                .filter(r -> !r.findElements(By.tagName("td")).isEmpty())
                .toList();
        List<String> regions = rows.stream()
                .map(r -> r.findElement(By.tagName("th")).getDomProperty("textContent"))
                .toList();
        assertThat(regions).contains("Kidney_L", "Kidney_R", "Liver", "Tumour_bone");
        // with the twin's CT netra draws the tissue around each tumour and kidney itself, set apart from the VOIs
        assertThat(regions).anySatisfy(r -> assertThat(r).startsWith("Kidney_L · adjoining soft tissue ("));
        assertThat(b.text("monte-carlo-automatic")).contains("Automatic regions, not VOIs", "within one voxel");
        b.driver.executeScript("document.getElementById('monte-carlo-automatic').scrollIntoView()");
        b.shot("mc-02-automatic");
        // the API gives the same table as numbers: each row's difference is (MC − kernel)/kernel and its flag is
        // the 5 % threshold
        var api = new ObjectMapper()
                .readTree(b.server
                        .app
                        .jobs()
                        .get(job.id())
                        .orElseThrow()
                        .result()
                        .orElseThrow()
                        .json()
                        .orElseThrow())
                .get("monteCarlo");
        assertThat(api.get("seed").asLong()).isEqualTo(7);
        assertThat(api.get("threads").asInt()).isEqualTo(1);
        assertThat(api.get("targetPercent").asDouble()).isEqualTo(5.0);
        int automatic = 0;
        for (var row : api.get("rows")) {
            double mc = row.get("monteCarloGy").asDouble();
            double kernel = row.get("kernelGy").asDouble();
            double diff = row.get("differencePercent").asDouble();
            assertThat(diff).isCloseTo(100 * (mc - kernel) / kernel, org.assertj.core.api.Assertions.within(1e-9));
            // a VOI beyond 5 %; an automatic region beyond 5 % by more than its SD (MC SD over the kernel dose)
            var adjoining = row.path("adjoining");
            boolean isAutomatic = !adjoining.isMissingNode() && !adjoining.isNull();
            double sdPercent = isAutomatic ? 100 * row.get("monteCarloSdGy").asDouble() / kernel : 0;
            boolean beyond = Math.abs(diff) - sdPercent > 5;
            assertThat(row.get("flagged").asBoolean())
                    .as(row.get("voi").asText())
                    .isEqualTo(beyond);
            // not flagged, but ± 1 SD reaches beyond 5 %: said so, not shown as agreement
            boolean uncertain = isAutomatic && !beyond && Math.abs(diff) + sdPercent > 5;
            assertThat(row.path("uncertain").asBoolean())
                    .as(row.get("voi").asText())
                    .isEqualTo(uncertain);
            String name = row.get("voi").asText();
            if (isAutomatic) {
                automatic++;
                assertThat(name)
                        .isEqualTo(adjoining.get("voi").asText() + " · adjoining "
                                + adjoining.get("tissue").asText());
                name = name + " (" + adjoining.get("voxels").asInt() + " voxels) automatic";
            }
            assertThat(regions).as("the page's rows").contains(name);
            var shown = rows.get(regions.indexOf(name)).findElements(By.tagName("td"));
            assertThat(shown.get(0).getDomProperty("textContent"))
                    .startsWith(String.format(java.util.Locale.ROOT, "%.3f ± ", mc));
            assertThat(shown.get(3).getDomProperty("textContent"))
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%+.1f %%", diff));
            assertThat(shown.get(4).getDomProperty("textContent"))
                    .isEqualTo(beyond ? "differs" : uncertain ? "uncertain" : "–");
        }
        assertThat(automatic).as("automatic regions in the job's JSON").isPositive();
        // the automatic regions come after every VOI
        assertThat(regions.subList(regions.size() - automatic, regions.size()))
                .allSatisfy(r -> assertThat(r).endsWith(" automatic"));
        assertThat(b.text("monte-carlo-run")).contains("seed 7", "1 thread(s)", "target ± 5.0 %");

        var physicist = new WebClient(b.server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        var pdf = physicist.getBytes(page + "/report.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve("mc-report.pdf");
        Files.write(file, pdf.body());
        var text = ExternalTool.run(List.of("pdftotext", "-layout", file.toString(), "-"));
        assertThat(text.exitCode()).as(text.err()).isZero();
        String flat = text.out().replaceAll("[ \\t]+", " ");
        assertThat(flat).contains("Monte Carlo vs kernel", "stat. SD (%)", "seed 7");
        assertThat(flat).contains("Automatic regions, not VOIs", "(automatic)");
        // each row as printed: the VOI, its Monte Carlo dose, and after the SD the kernel's dose and the difference;
        // an automatic region's long name may wrap in its cell, so from its dose on
        for (var row : api.get("rows")) {
            boolean isAutomatic = !row.path("adjoining").isMissingNode()
                    && !row.path("adjoining").isNull();
            assertThat(flat)
                    .containsPattern((isAutomatic
                                    ? ""
                                    : java.util.regex.Pattern.quote(
                                                    row.get("voi").asText()) + " ")
                            + java.util.regex.Pattern.quote(String.format(
                                    java.util.Locale.ROOT,
                                    "%.3f",
                                    row.get("monteCarloGy").asDouble()))
                            + " \\S+ [0-9.]+ [0-9.]+ "
                            + java.util.regex.Pattern.quote(String.format(
                                    java.util.Locale.ROOT,
                                    "%.3f",
                                    row.get("kernelGy").asDouble()))
                            + " "
                            + java.util.regex.Pattern.quote(String.format(
                                    java.util.Locale.ROOT,
                                    "%+.1f",
                                    row.get("differencePercent").asDouble()))
                            + " " + (row.get("flagged").asBoolean() ? "DIFFERS" : "\\S"));
        }
        var png = ExternalTool.run(List.of(
                "pdftoppm",
                "-png",
                "-r",
                "70",
                file.toString(),
                dir.resolve("mc-report").toString()));
        assertThat(png.exitCode()).as(png.err()).isZero();
        try (var pages = Files.list(dir)) {
            assertThat(pages.filter(p -> p.getFileName().toString().matches("mc-report-\\d+\\.png")))
                    .isNotEmpty();
        }
        b.assertQuiet(BrowserSession::refusedOnPurpose);
    }
}
