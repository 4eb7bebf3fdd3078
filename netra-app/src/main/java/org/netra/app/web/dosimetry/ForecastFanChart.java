package org.netra.app.web.dosimetry;

import java.util.List;
import java.util.Locale;
import org.netra.clinical.therapy.CourseForecast;

/**
 * A fan chart of a course forecast as a server-rendered SVG: the measured cumulative dose as a point, then the 5–95 %
 * and 25–75 % bands and the median after each planned cycle, with the limit as a dashed line. Plain SVG with a title
 * and a description, so it reads without script and a screen reader gets the figures from the table beside it.
 */
final class ForecastFanChart {
    private static final int WIDTH = 520;
    private static final int HEIGHT = 260;
    private static final int LEFT = 52;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    private ForecastFanChart() {}

    /** The chart of {@code bands} (cumulative Gy after each cycle) against {@code limitGy}. */
    static String svg(String id, String title, List<CourseForecast.DoseBand> bands, double limitGy, String unit) {
        double top = Math.max(
                limitGy * 1.15,
                bands.stream().mapToDouble(b -> b.p95().inGy()).max().orElse(limitGy) * 1.05);
        int first = bands.get(0).cycle();
        int last = bands.get(bands.size() - 1).cycle();
        double span = Math.max(1, last - first);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator x = c -> LEFT + (c - first) / span * plotW;
        java.util.function.DoubleUnaryOperator y = gy -> TOP + plotH * (1 - gy / top);
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg id=\"%s\" class=\"fan-chart\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"100%%\""
                        + " preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"%s-title\">",
                id,
                WIDTH,
                HEIGHT,
                id));
        s.append("<title id=\"")
                .append(id)
                .append("-title\">")
                .append(escape(title))
                .append("</title>");
        // axes and ticks
        s.append(line(LEFT, TOP, LEFT, TOP + plotH, "#555", ""));
        s.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#555", ""));
        int ticks = 5;
        for (int i = 0; i <= ticks; i++) {
            double gy = top * i / ticks;
            double yy = y.applyAsDouble(gy);
            s.append(line(LEFT - 4, yy, LEFT, yy, "#555", ""));
            s.append(text(LEFT - 6, yy + 4, "end", String.format(Locale.ROOT, "%.1f", gy)));
        }
        for (var b : bands) {
            double xx = x.applyAsDouble(b.cycle());
            s.append(line(xx, TOP + plotH, xx, TOP + plotH + 4, "#555", ""));
            s.append(text(xx, TOP + plotH + 16, "middle", Integer.toString(b.cycle())));
        }
        s.append(text(LEFT + plotW / 2, HEIGHT - 6, "middle", "after cycle"));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"12\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 12 %.1f)\" font-size=\"12\">%s</text>",
                TOP + plotH / 2,
                TOP + plotH / 2,
                escape(unit)));
        // bands: 5–95 % light, 25–75 % darker, median line
        s.append(area(bands, x, y, true)).append(area(bands, x, y, false));
        StringBuilder median = new StringBuilder();
        for (var b : bands) {
            median.append(String.format(
                    Locale.ROOT,
                    "%.1f,%.1f ",
                    x.applyAsDouble(b.cycle()),
                    y.applyAsDouble(b.p50().inGy())));
        }
        s.append("<polyline fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\" points=\"")
                .append(median.toString().strip())
                .append("\"/>");
        var measured = bands.get(0);
        s.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f4e79\"><title>measured %.2f %s</title></circle>",
                x.applyAsDouble(measured.cycle()),
                y.applyAsDouble(measured.p50().inGy()),
                measured.p50().inGy(),
                escape(unit)));
        double ly = y.applyAsDouble(limitGy);
        s.append(line(LEFT, ly, LEFT + plotW, ly, "#b00020", " stroke-dasharray=\"6 4\""));
        s.append(text(LEFT + plotW - 2, ly - 4, "end", String.format(Locale.ROOT, "limit %.1f", limitGy)));
        s.append("</svg>");
        return s.toString();
    }

    private static String area(
            List<CourseForecast.DoseBand> bands,
            java.util.function.DoubleUnaryOperator x,
            java.util.function.DoubleUnaryOperator y,
            boolean outer) {
        StringBuilder pts = new StringBuilder();
        for (var b : bands) {
            pts.append(String.format(
                    Locale.ROOT,
                    "%.1f,%.1f ",
                    x.applyAsDouble(b.cycle()),
                    y.applyAsDouble((outer ? b.p95() : b.p75()).inGy())));
        }
        for (int i = bands.size() - 1; i >= 0; i--) {
            var b = bands.get(i);
            pts.append(String.format(
                    Locale.ROOT,
                    "%.1f,%.1f ",
                    x.applyAsDouble(b.cycle()),
                    y.applyAsDouble((outer ? b.p05() : b.p25()).inGy())));
        }
        return "<polygon class=\"" + (outer ? "band90" : "band50") + "\" fill=\"#1f4e79\" fill-opacity=\""
                + (outer ? "0.18" : "0.35") + "\" stroke=\"none\" points=\""
                + pts.toString().strip() + "\"/>";
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String extra) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>",
                x1,
                y1,
                x2,
                y2,
                colour,
                extra);
    }

    private static String text(double x, double y, String anchor, String content) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"12\">%s</text>",
                x,
                y,
                anchor,
                escape(content));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
