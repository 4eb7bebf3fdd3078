package org.netra.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small server-side chart drawn with Java2D into a PNG: lines, markers, bars and a horizontal limit,
 * on linear axes with rounded ticks. Enough for a report's plots without a charting library.
 */
public final class Plot {
    /** How a series is drawn. */
    public enum Style {
        LINE,
        MARKERS,
        BARS
    }

    /** One series: x and y of equal length. */
    public record Series(String label, Style style, Color color, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(label + ": " + x.length + " x values but " + y.length + " y values");
            }
        }
    }

    /** A horizontal line across the plot (a limit). */
    public record Limit(String label, double y, Color color) {}

    public static final Color[] PALETTE = {
        new Color(0x1d5c7a), new Color(0xc2571a), new Color(0x3b8a3e), new Color(0x7a3b8a), new Color(0x8a7a1d)
    };

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();

    public Plot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public Plot add(Series s) {
        series.add(s);
        return this;
    }

    public Plot limit(Limit l) {
        limits.add(l);
        return this;
    }

    /** Renders at {@code width × height} pixels (scale 2 for print sharpness is the caller's choice). */
    public BufferedImage render(int width, int height) {
        var img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g, width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    public byte[] png(int width, int height) {
        return png(render(width, height));
    }

    public static byte[] png(BufferedImage image) {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a PNG", e);
        }
        return out.toByteArray();
    }

    private void draw(Graphics2D g, int w, int h) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        float unit = h / 300f;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(11 * unit));
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();

        double xMin = 0;
        double xMax = 1e-9;
        double yMin = 0;
        double yMax = 1e-9;
        boolean bars = false;
        for (Series s : series) {
            bars |= s.style() == Style.BARS;
            for (int i = 0; i < s.x().length; i++) {
                xMax = Math.max(xMax, s.x()[i]);
                xMin = Math.min(xMin, s.x()[i]);
                yMax = Math.max(yMax, s.y()[i]);
            }
        }
        for (Limit l : limits) {
            yMax = Math.max(yMax, l.y());
        }
        double[] xTicks;
        if (bars) {
            // categories 1..n, each in a slot one unit wide
            xMin = 0.5;
            xMax += 0.5;
            xTicks = integerTicks(xMin, xMax);
            if (xTicks.length == 0) {
                xTicks = new double[] {1};
            }
        } else {
            xTicks = ticks(xMin, xMax);
            xMax = Math.max(xMax, xTicks[xTicks.length - 1]);
        }
        double[] yTicks = ticks(yMin, yMax * 1.05);
        yMax = yTicks[yTicks.length - 1];

        int left = (int) (16 * unit) + fm.stringWidth(label(yTicks[yTicks.length - 1])) + fm.getHeight();
        int right = (int) (12 * unit) + fm.stringWidth(label(xTicks[xTicks.length - 1])) / 2;
        int top = (int) (10 * unit) + fm.getHeight() + legendRows(fm, left, w, unit) * (fm.getHeight() + 4);
        int bottom = (int) (10 * unit) + 2 * fm.getHeight();
        var area = new Rectangle2D.Double(left, top, w - left - right, h - top - bottom);
        var t = new Mapping(area, xMin, xMax, yMin, yMax);

        g.setColor(new Color(0x222222));
        Font bold = font.deriveFont(Font.BOLD);
        g.setFont(bold);
        g.drawString(title, left, (int) (6 * unit) + fm.getAscent());
        g.setFont(font);

        // grid and ticks
        g.setStroke(new BasicStroke(unit * 0.8f));
        for (double y : yTicks) {
            double py = t.py(y);
            g.setColor(new Color(0xe3e7ea));
            g.draw(new Line2D.Double(area.x, py, area.getMaxX(), py));
            g.setColor(new Color(0x444444));
            String s = label(y);
            g.drawString(s, (float) (area.x - 4 * unit - fm.stringWidth(s)), (float) (py + fm.getAscent() / 2.5));
        }
        for (double x : xTicks) {
            double px = t.px(x);
            g.setColor(new Color(0x444444));
            g.draw(new Line2D.Double(px, area.getMaxY(), px, area.getMaxY() + 3 * unit));
            String s = label(x);
            g.drawString(
                    s, (float) (px - fm.stringWidth(s) / 2.0), (float) (area.getMaxY() + 4 * unit + fm.getAscent()));
        }
        g.setColor(new Color(0x444444));
        g.draw(new Line2D.Double(area.x, area.y, area.x, area.getMaxY()));
        g.draw(new Line2D.Double(area.x, area.getMaxY(), area.getMaxX(), area.getMaxY()));
        g.drawString(
                xLabel, (float) (area.getCenterX() - fm.stringWidth(xLabel) / 2.0), h - 4 * unit - fm.getDescent());
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, (float) (-area.getCenterY() - fm.stringWidth(yLabel) / 2.0), 4 * unit + fm.getAscent());
        g.setTransform(saved);

        // data
        int barSeries =
                (int) series.stream().filter(s -> s.style() == Style.BARS).count();
        int barIndex = 0;
        for (Series s : series) {
            g.setColor(s.color());
            switch (s.style()) {
                case LINE -> {
                    g.setStroke(new BasicStroke(1.8f * unit, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    var path = new Path2D.Double();
                    for (int i = 0; i < s.x().length; i++) {
                        if (i == 0) {
                            path.moveTo(t.px(s.x()[i]), t.py(s.y()[i]));
                        } else {
                            path.lineTo(t.px(s.x()[i]), t.py(s.y()[i]));
                        }
                    }
                    g.draw(path);
                }
                case MARKERS -> {
                    double r = 3.5 * unit;
                    for (int i = 0; i < s.x().length; i++) {
                        g.fill(new java.awt.geom.Ellipse2D.Double(
                                t.px(s.x()[i]) - r, t.py(s.y()[i]) - r, 2 * r, 2 * r));
                    }
                }
                case BARS -> {
                    double slot = t.px(1) - t.px(0);
                    double bw = 0.7 * slot / barSeries;
                    for (int i = 0; i < s.x().length; i++) {
                        double x0 = t.px(s.x()[i]) - 0.35 * slot + barIndex * bw;
                        double y0 = t.py(s.y()[i]);
                        g.fill(new Rectangle2D.Double(x0, y0, bw, area.getMaxY() - y0));
                    }
                    barIndex++;
                }
            }
        }
        for (Limit l : limits) {
            g.setColor(l.color());
            g.setStroke(new BasicStroke(
                    1.5f * unit,
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER,
                    10,
                    new float[] {6 * unit, 4 * unit},
                    0));
            double py = t.py(l.y());
            g.draw(new Line2D.Double(area.x, py, area.getMaxX(), py));
            g.drawString(l.label(), (float) (area.getMaxX() - fm.stringWidth(l.label()) - 4 * unit), (float)
                    (py - 3 * unit));
        }

        // legend above the plot, wrapped onto as many rows as it needs: a long legend is never cut at the edge, and
        // an entry wider than the plot (a bladder's model sentence) wraps its own words onto further rows
        float baseline = (int) (8 * unit) + fm.getHeight() + fm.getAscent();
        for (LegendEntry e : legend(fm, left, w, unit)) {
            float ly = baseline + e.row() * (fm.getHeight() + 4);
            g.setColor(e.series().color());
            g.fill(new Rectangle2D.Double(e.x(), ly - fm.getAscent() / 1.6, 10 * unit, 4 * unit));
            g.setColor(new Color(0x333333));
            for (int i = 0; i < e.lines().size(); i++) {
                g.drawString(e.lines().get(i), e.x() + 14 * unit, ly + i * (fm.getHeight() + 4));
            }
        }
    }

    /** A legend entry placed: its left edge, its first row, and its label as the lines it takes. */
    record LegendEntry(Series series, float x, int row, List<String> lines) {}

    /**
     * The legend laid out in rows of the image's width {@code w}: entries side by side while they fit, an entry
     * wider than a whole row on rows of its own with its words wrapped.
     */
    List<LegendEntry> legend(FontMetrics fm, int left, int w, float unit) {
        float textWidth = w - left - 28 * unit;
        List<LegendEntry> out = new ArrayList<>();
        float lx = left;
        int row = 0;
        boolean rowUsed = false;
        for (Series s : series) {
            if (s.label().isEmpty()) {
                continue;
            }
            List<String> lines = wrap(fm, s.label(), textWidth);
            float width = 28 * unit
                    + (float) lines.stream().mapToInt(fm::stringWidth).max().orElse(0);
            if (rowUsed && (lines.size() > 1 || lx + width > w)) {
                row++;
                lx = left;
            }
            out.add(new LegendEntry(s, lx, row, lines));
            rowUsed = true;
            if (lines.size() > 1) {
                row += lines.size();
                lx = left;
                rowUsed = false;
            } else {
                lx += width;
            }
        }
        return out;
    }

    /** {@code text} broken at spaces into lines no wider than {@code width} (a single longer word stays whole). */
    static List<String> wrap(FontMetrics fm, String text, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String tried = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && fm.stringWidth(tried) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(tried);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The rows the legend takes. */
    private int legendRows(FontMetrics fm, int left, int w, float unit) {
        return legend(fm, left, w, unit).stream()
                .mapToInt(e -> e.row() + e.lines().size())
                .max()
                .orElse(0);
    }

    private record Mapping(Rectangle2D.Double area, double x0, double x1, double y0, double y1) {
        double px(double x) {
            return area.x + (x - x0) / (x1 - x0) * area.width;
        }

        double py(double y) {
            return area.getMaxY() - (y - y0) / (y1 - y0) * area.height;
        }
    }

    /** Ticks at 1, 2 or 5 × 10^n covering [lo, hi], about five of them. */
    static double[] ticks(double lo, double hi) {
        double span = Math.max(hi - lo, 1e-12);
        double raw = span / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double start = Math.floor(lo / step) * step;
        int n = (int) Math.ceil((hi - start) / step - 1e-9) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + i * step;
        }
        return out;
    }

    private static double[] integerTicks(double lo, double hi) {
        int a = (int) Math.ceil(lo);
        int b = (int) Math.floor(hi);
        double[] out = new double[Math.max(0, b - a + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a + i;
        }
        return out;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
