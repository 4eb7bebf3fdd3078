package org.netra.app.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * Renders a {@link DosimetryReport} to PDF: an XHTML page from the {@code report/dosimetry.jte} template
 * (compiled at build time), plots drawn server-side to PNG and embedded, laid out on A4 by openhtmltopdf.
 */
public final class DosimetryReportPdf {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);
    // 1100 px over the 180 mm print width puts the plots' 11-unit text at about 9 pt on paper, as legible as the body
    private static final int PLOT_W = 1100;
    private static final int PLOT_H = 560;

    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private DosimetryReportPdf() {}

    /** The plots as data URIs and the report, for the template. */
    public record View(DosimetryReport report, String timeActivityPlot, String bedPlot) {
        /** Text as the PDF's Helvetica can print it ({@link DosimetryReportPdf#printableText}). */
        public String printable(String text) {
            return printableText(text, false);
        }

        public String gy(AbsorbedDose d) {
            return String.format(Locale.ROOT, "%.2f", d.inGy());
        }

        public String doseWithSd(DosimetryReport.DoseRow row) {
            return row.sd()
                    .map(sd ->
                            String.format(Locale.ROOT, "%.2f ± %.2f", row.dose().inGy(), sd.inGy()))
                    .orElseGet(() -> String.format(
                            Locale.ROOT, "%.2f (no SD)", row.dose().inGy()));
        }

        public String relativeSd(DosimetryReport.DoseRow row) {
            var p = row.relativeSdPercent();
            return p.isPresent() ? percent(p.getAsDouble()) : "–";
        }

        public String percent(double p) {
            return String.format(Locale.ROOT, "%.0f", p);
        }

        public String gyPerGBq(DosimetryReport.DoseRow row) {
            return String.format(Locale.ROOT, "%.2f", report.gyPerGBq(row));
        }

        public String mass(DosimetryReport.DoseRow row) {
            return row.mass()
                    .map(m -> String.format(Locale.ROOT, "%.0f", m.inGrams()))
                    .orElse("–");
        }

        public String tia(DosimetryReport.DoseRow row) {
            return row.tia()
                    .map(t -> String.format(Locale.ROOT, "%.0f", t.inMBqHours()))
                    .orElse("–");
        }

        public String monteCarloWithSd(DosimetryReport.MonteCarloRow row) {
            return String.format(
                    Locale.ROOT,
                    "%.3f ± %.3f",
                    row.monteCarlo().inGy(),
                    row.monteCarloSd().inGy());
        }

        public String monteCarloSdPercent(DosimetryReport.MonteCarloRow row) {
            double gy = row.monteCarlo().inGy();
            return gy > 0
                    ? String.format(
                            Locale.ROOT, "%.2f", 100 * row.monteCarloSd().inGy() / gy)
                    : "–";
        }

        public String kernel(DosimetryReport.MonteCarloRow row) {
            return row.kernel()
                    .map(k -> String.format(Locale.ROOT, "%.3f", k.inGy()))
                    .orElse("– (no kernel)");
        }

        public String difference(DosimetryReport.MonteCarloRow row) {
            return row.difference()
                    .map(d -> String.format(Locale.ROOT, "%+.1f", 100 * d))
                    .orElse("–");
        }

        public String gbq() {
            return String.format(Locale.ROOT, "%.2f", report.administered().inGBq());
        }

        /** A time to the minute in the department's zone, as a person writes it (no seconds, no nanoseconds). */
        public String minute(java.time.Instant at) {
            return MINUTE.format(at.atZone(report.zone())) + " (" + DosimetryReport.zoneName(report.zone()) + ")";
        }

        public boolean overLimit() {
            return report.cumulativeKidneyBed().compareTo(report.kidneyBedLimit()) > 0;
        }
    }

    /** The report as PDF bytes. */
    public static byte[] render(DosimetryReport report) {
        String html = printableText(html(report), true);
        var out = new ByteArrayOutputStream();
        try {
            var builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not lay out the dosimetry report of cycle " + report.cycle(), e);
        }
        return out.toByteArray();
    }

    /**
     * Text as the PDF's Helvetica can print it. Its WinAnsi encoding has no Greek letters, subscripts or
     * true minus; openhtmltopdf prints '#' for them, and the Monte Carlo's electron statement read "Møller
     * #-rays". Such characters are spelled out; all others pass unchanged. Applied to the whole page, so every text the
     * report prints (the method line, warnings, the Monte Carlo's note) is covered, and the markup is ASCII.
     */
    static String printableText(String text, boolean inMarkup) {
        // in the page's XHTML a spelled-out "<" or ">" must be an entity, or the page would not parse
        String lt = inMarkup ? "&lt;" : "<", gt = inMarkup ? "&gt;" : ">";
        var out = new StringBuilder(text.length());
        text.codePoints()
                .forEach(c -> out.append(
                        switch (c) {
                            case 'δ' -> "delta";
                            case 'λ' -> "lambda";
                            case 'σ' -> "sigma";
                            case 'μ' -> "µ"; // the micro sign, which WinAnsi has
                            case '−' -> "-";
                            case '≤' -> lt + "=";
                            case '≥' -> gt + "=";
                            case '→' -> "-" + gt;
                            case '₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉' ->
                                String.valueOf((char) ('0' + c - '₀'));
                            default -> Character.toString(c);
                        }));
        return out.toString();
    }

    /** The XHTML the PDF is laid out from (also useful as a printable page). */
    public static String html(DosimetryReport report) {
        var view = new View(
                report,
                report.curves().isEmpty() ? "" : dataUri(timeActivity(report).png(PLOT_W, PLOT_H)),
                report.kidneyBed().isEmpty() ? "" : dataUri(bed(report).png(PLOT_W, PLOT_H)));
        var out = new StringOutput();
        ENGINE.render("report/dosimetry.jte", Map.of("view", view), out);
        return out.toString();
    }

    /** Time–activity curves: measured points and the fitted model per VOI. */
    public static Plot timeActivity(DosimetryReport report) {
        var plot = new Plot("Time–activity curves", "time after administration (h)", "activity (MBq)");
        int c = 0;
        for (var curve : report.curves()) {
            var color = Plot.PALETTE[c++ % Plot.PALETTE.length];
            String label = curve.voi() + (curve.model().isEmpty() ? "" : " (" + curve.model() + ")");
            plot.add(samples(label, Plot.Style.MARKERS, color, curve.measured()));
            if (!curve.fitted().isEmpty()) {
                plot.add(samples("", Plot.Style.LINE, color, curve.fitted()));
            }
        }
        return plot;
    }

    private static Plot.Series samples(
            String label, Plot.Style style, java.awt.Color color, java.util.List<DosimetryReport.Sample> samples) {
        return new Plot.Series(
                label,
                style,
                color,
                samples.stream().mapToDouble(DosimetryReport.Sample::hours).toArray(),
                samples.stream().mapToDouble(s -> s.activity().inMBq()).toArray());
    }

    /** Cumulative kidney BED after each cycle against the limit. */
    public static Plot bed(DosimetryReport report) {
        int n = report.kidneyBed().size();
        double[] x = new double[n];
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = report.kidneyBed().get(i).cycle();
            sum += report.kidneyBed().get(i).bed().inGy();
            cumulative[i] = sum;
        }
        return new Plot("Cumulative kidney BED", "cycle", "BED (Gy)")
                .add(new Plot.Series("cumulative kidney BED", Plot.Style.BARS, Plot.PALETTE[0], x, cumulative))
                .limit(new Plot.Limit(
                        String.format(
                                Locale.ROOT,
                                "limit %.0f Gy",
                                report.kidneyBedLimit().inGy()),
                        report.kidneyBedLimit().inGy(),
                        new java.awt.Color(0xb3261e)));
    }

    private static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
