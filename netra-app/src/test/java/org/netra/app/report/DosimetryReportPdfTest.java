package org.netra.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;

class DosimetryReportPdfTest {

    /** A second cycle of 7.4 GBq; the numbers are chosen so every derived value is known by hand. */
    static DosimetryReport sample() {
        double[] hours = {4, 24, 96, 168};
        List<DosimetryReport.Curve> curves = new ArrayList<>();
        curves.add(curve("left kidney", 0.041, 61.0, hours));
        curves.add(curve("right kidney", 0.043, 58.0, hours));
        curves.add(curve("liver lesion 1", 0.012, 95.0, hours));
        return new DosimetryReport(
                new DosimetryReport.ReportPatient("NET-0042", "Ada Example", LocalDate.of(1961, 3, 14)),
                2,
                LocalDate.of(2026, 9, 7),
                Activity.ofGBq(7.4),
                "Quantitative SPECT/CT at 4, 24, 96 and 168 h; bi-exponential fits selected by AICc; voxel S-value"
                        + " convolution (177Lu, 4.42 mm soft tissue)",
                curves,
                List.of(
                        row("left kidney", Optional.of(Mass.ofGrams(162)), 5210, 3.12, 0.41),
                        row("right kidney", Optional.of(Mass.ofGrams(171)), 5034, 2.96, 0.37),
                        row("liver lesion 1", Optional.empty(), 7400, 18.5, 2.9),
                        // a blood-based marrow dose: no mass, TIA or SD from the images
                        new DosimetryReport.DoseRow(
                                "bone marrow",
                                Optional.empty(),
                                Optional.empty(),
                                AbsorbedDose.ofGy(0.31),
                                Optional.empty())),
                List.of(
                        new DosimetryReport.BedCycle(1, AbsorbedDose.ofGy(4.5)),
                        new DosimetryReport.BedCycle(2, AbsorbedDose.ofGy(4.1))),
                AbsorbedDose.ofGy(40),
                new DosimetryReport.Decision(
                        "Continue: cycle 3 with 7.4 GBq",
                        List.of("cumulative kidney BED 8.60 Gy leaves 31.40 Gy of the 40 Gy limit"),
                        "Dr Pia Physician"),
                Instant.parse("2026-09-14T10:15:00Z"));
    }

    private static DosimetryReport.DoseRow row(String voi, Optional<Mass> mass, double tia, double gy, double sd) {
        return new DosimetryReport.DoseRow(
                voi,
                mass,
                Optional.of(TimeIntegratedActivity.ofMBqHours(tia)),
                AbsorbedDose.ofGy(gy),
                Optional.of(AbsorbedDose.ofGy(sd)));
    }

    private static DosimetryReport.Curve curve(String voi, double lambdaPerHour, double a0MBq, double[] hours) {
        List<DosimetryReport.Sample> measured = new ArrayList<>();
        for (double h : hours) {
            measured.add(new DosimetryReport.Sample(h, Activity.ofMBq(a0MBq * Math.exp(-lambdaPerHour * h))));
        }
        List<DosimetryReport.Sample> fitted = new ArrayList<>();
        for (double h = 0; h <= 170; h += 2) {
            fitted.add(new DosimetryReport.Sample(h, Activity.ofMBq(a0MBq * Math.exp(-lambdaPerHour * h))));
        }
        return new DosimetryReport.Curve(voi, "mono-exponential", measured, fitted);
    }

    @Test
    void theTextOfThePdfCarriesTheNumbersAndTheDecision() throws IOException, InterruptedException {
        byte[] pdf = DosimetryReportPdf.render(sample());
        Path file = Path.of("target", "reports", "dosimetry-report-sample.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);

        String text;
        int images = 0;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            text = stripper.getText(doc).replaceAll("\\s+", " ");
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
            }
        }
        assertThat(images).as("time-activity and BED plots").isEqualTo(2);
        assertThat(text)
                .contains("Dosimetry report – cycle 2")
                .contains("Ada Example (NET-0042), born 1961-03-14")
                .contains("cycle 2 on 2026-09-07, 7.40 GBq administered")
                .contains("bi-exponential fits selected by AICc")
                // dose ± SD, relative SD, and dose / administered activity (3.12 / 7.4 = 0.42)
                .contains("left kidney 162 5210 3.12 ± 0.41 13 0.42")
                .contains("right kidney 171 5034 2.96 ± 0.37 13 0.40")
                .contains("liver lesion 1 – 7400 18.50 ± 2.90 16 2.50")
                // missing is shown as missing, never as ± 0.00 (0.31 / 7.4 = 0.042)
                .contains("bone marrow – – 0.31 (no SD) – 0.04")
                .doesNotContain("± 0.00")
                // BED per cycle and their sum against the limit: 8.6 / 40 = 21.5 %, shown rounded to 22 %
                .contains("1 4.50 2 4.10 cumulative 8.60")
                .contains("Cumulative kidney BED 8.60 Gy of the 40.00 Gy limit (22 %)")
                .contains("Continue: cycle 3 with 7.4 GBq")
                .contains("Decided by Dr Pia Physician")
                .contains("page 1 of");

        // an independent reader agrees, where Poppler is installed
        Path pdftotext = Path.of("/usr/bin/pdftotext");
        if (Files.isExecutable(pdftotext)) {
            var p = new ProcessBuilder(pdftotext.toString(), file.toString(), "-")
                    .redirectErrorStream(true)
                    .start();
            String poppler = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(poppler.replaceAll("\\s+", " "))
                    .contains("3.12 ± 0.41")
                    .contains("Cumulative kidney BED 8.60 Gy of the 40.00 Gy limit (22 %)");
        }
    }

    /** What the PDF's Helvetica cannot print is spelled out (it printed "Møller #-rays"), the rest kept. */
    @Test
    void textTheBuiltInFontLacksIsSpelledOut() {
        var view = new DosimetryReportPdf.View(sample(), "", "");
        assertThat(view.printable("Møller δ-rays; λ₁ ≤ 2 σ; −13.7 % → flagged; 5 µm ± 1"))
                .isEqualTo("Møller delta-rays; lambda1 <= 2 sigma; -13.7 % -> flagged; 5 µm ± 1");
    }

    /** Every text of the page is spelled out, not only the Monte Carlo's note; a spelled-out "<" keeps the page valid. */
    @Test
    void theMethodLineIsPrintableToo() throws IOException {
        var s = sample();
        var greek = new DosimetryReport(
                s.patient(),
                s.cycle(),
                s.treatmentDate(),
                s.administered(),
                "Møller δ-rays; λ₁ ≤ 2 σ → kept",
                s.curves(),
                s.doses(),
                s.kidneyBed(),
                s.kidneyBedLimit(),
                s.decision(),
                s.generated());
        String text;
        try (PDDocument doc = Loader.loadPDF(DosimetryReportPdf.render(greek))) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text)
                .contains("Møller delta-rays; lambda1 <= 2 sigma -> kept")
                .doesNotContain("#");
    }

    /** The sample with another cycle number, BED history and decision. */
    private static DosimetryReport variant(int cycle, List<DosimetryReport.BedCycle> bed, DosimetryReport.Decision d) {
        var s = sample();
        return new DosimetryReport(
                s.patient(),
                cycle,
                s.treatmentDate(),
                s.administered(),
                s.method(),
                s.curves(),
                s.doses(),
                bed,
                AbsorbedDose.ofGy(40),
                d,
                s.generated());
    }

    @Test
    void overTheLimitIsMarked() {
        var over = variant(
                2,
                List.of(
                        new DosimetryReport.BedCycle(1, AbsorbedDose.ofGy(22)),
                        new DosimetryReport.BedCycle(2, AbsorbedDose.ofGy(21))),
                new DosimetryReport.Decision("Stop", List.of("kidney BED limit reached"), null));
        assertThat(over.kidneyBedPercentOfLimit()).isEqualTo(107.5);
        assertThat(DosimetryReportPdf.html(over)).contains("<span class=\"over\">43.00 Gy</span>");
        assertThat(DosimetryReportPdf.html(sample())).doesNotContain("class=\"over\"");
    }

    @Test
    void badInputIsRefusedByName() {
        var s = sample();
        assertThatThrownBy(
                        () -> variant(2, List.of(new DosimetryReport.BedCycle(2, AbsorbedDose.ofGy(4))), s.decision()))
                .hasMessageContaining("kidney BED must list cycles 1..1 in order");
        assertThatThrownBy(() -> variant(0, s.kidneyBed(), s.decision())).hasMessageContaining("cycle number");
    }

    @Test
    void aSignedAmendedReportPrintsEveryChecklistItemTheSignatureAndTimesToTheMinute() throws Exception {
        var checklist = EanmChecklist.empty()
                .with(EanmChecklist.Item.ADMINISTERED_ACTIVITY, "7.40 GBq 177Lu")
                .with(EanmChecklist.Item.PARTIAL_VOLUME, "GTM recovery, PSF FWHM 10.0 mm");
        var signature = new ReportSignature(
                2,
                "Dr Max Physicist",
                "Medical physicist",
                Instant.parse("2026-09-15T07:05:00Z"),
                Optional.of(new ReportSignature.Amendment(
                        1, "kidney VOI redrawn", List.of("left kidney dose (Gy): 3.30 to 3.12"))));
        var report = sample().withChecklist(checklist, java.time.ZoneId.of("Europe/Berlin"))
                .signed(signature);
        byte[] pdf = DosimetryReportPdf.render(report);
        Path file = Path.of("target", "reports", "dosimetry-report-signed-v2.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);

        String text = poppler("pdftotext", file.toString(), "-");
        for (var item : EanmChecklist.Item.values()) {
            assertThat(text).as(item.name()).contains(item.label());
        }
        assertThat(text)
                .contains("Administered activity 7.40 GBq 177Lu")
                .contains("Partial-volume correction (method, PSF) GTM recovery, PSF FWHM 10.0 mm")
                .contains("Camera and collimator not recorded")
                // 10:15 UTC is 12:15 in Berlin's summer time; 07:05 UTC 09:05
                .contains("Generated 2026-09-14 12:15 (Europe/Berlin)")
                .contains("Approved and signed by Dr Max Physicist (Medical physicist)")
                .contains("Signed 2026-09-15 09:05 (Europe/Berlin) · report version 2")
                .contains("Amended report: replaces version 1.")
                .contains("Reason: kidney VOI redrawn")
                .contains("left kidney dose (Gy): 3.30 to 3.12")
                .doesNotContain("DRAFT")
                .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}");

        // rendered at 100 dpi, as a page is looked at: kept in target/reports for a person to look at
        poppler(
                "pdftoppm",
                "-r",
                "100",
                "-png",
                file.toString(),
                file.toString().replace(".pdf", ""));
        assertThat(Path.of(file.toString().replace(".pdf", "-1.png"))).isNotEmptyFile();
    }

    @Test
    void aDraftSaysItIsNotSigned() throws Exception {
        String text = new PDFTextStripper()
                .getText(Loader.loadPDF(DosimetryReportPdf.render(sample())))
                .replaceAll("\\s+", " ");
        assertThat(text).contains("DRAFT – not approved or signed").contains("Generated 2026-09-14 10:15 (UTC)");
    }

    /** Runs a Poppler tool; its output with whitespace collapsed. */
    private static String poppler(String... command) throws IOException, InterruptedException {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.replaceAll("\\s+", " ");
    }
}
