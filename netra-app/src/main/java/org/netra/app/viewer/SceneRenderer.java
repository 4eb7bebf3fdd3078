package org.netra.app.viewer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.BitSet;
import java.util.List;
import org.netra.imaging.volume.Mask;

/**
 * Draws a {@link Scene} in one plane to an image: emission in a hot colour scale (over the CT in grey
 * when fused), the dose map in a rainbow scale, VOI outlines on pixel edges, orientation letters.
 */
public final class SceneRenderer {
    /** Dose below this share of the window's top is not coloured. */
    static final float DOSE_FLOOR = 0.05f;

    public static final Color[] VOI_COLOURS = {
        new Color(0x00e5ff), new Color(0x76ff03), new Color(0xff4081), new Color(0xffea00), new Color(0xe040fb)
    };

    private SceneRenderer() {}

    /**
     * Isodose line colours, one per level in the order asked, with a legend in the image: cold colours first, which
     * stand out on the hot emission scale and the grey CT.
     */
    public static final Color[] ISODOSE_COLOURS = {
        new Color(0x2979ff), new Color(0x00e676), new Color(0xffffff), new Color(0xd500f9), new Color(0xff1744)
    };

    /**
     * What to draw: a slice ({@code index} ≥ 0) or the MIP ({@code index} = −1), and which layers.
     *
     * @param isodoseGy the levels (Gy) of the isodose lines drawn over the slice, at most five; none for none
     */
    public record View(
            Plane plane,
            int index,
            boolean fusion,
            boolean vois,
            boolean dose,
            int longSide,
            Windowing.CtWindow ctWindow,
            Windowing.EmissionScale scale,
            List<Double> isodoseGy) {
        public View {
            if (longSide < 64 || longSide > 2048) {
                throw new IllegalArgumentException("image size must be 64–2048 pixels, got " + longSide);
            }
            java.util.Objects.requireNonNull(ctWindow, "CT window");
            java.util.Objects.requireNonNull(scale, "emission scale");
            isodoseGy = isodoseGy == null ? List.of() : List.copyOf(isodoseGy);
            if (isodoseGy.size() > ISODOSE_COLOURS.length) {
                throw new IllegalArgumentException(
                        "at most " + ISODOSE_COLOURS.length + " isodose levels, got " + isodoseGy.size());
            }
            for (double level : isodoseGy) {
                if (!(level > 0) || !Double.isFinite(level)) {
                    throw new IllegalArgumentException("an isodose level is a dose above 0 Gy, got " + level);
                }
            }
        }

        /** Without isodose lines. */
        public View(
                Plane plane,
                int index,
                boolean fusion,
                boolean vois,
                boolean dose,
                int longSide,
                Windowing.CtWindow ctWindow,
                Windowing.EmissionScale scale) {
            this(plane, index, fusion, vois, dose, longSide, ctWindow, scale, List.of());
        }

        /** With the default windows: CT soft tissue, emission to its 99.9th percentile. */
        public View(Plane plane, int index, boolean fusion, boolean vois, boolean dose, int longSide) {
            this(plane, index, fusion, vois, dose, longSide, Windowing.CtWindow.SOFT_TISSUE, Windowing.DEFAULT_SCALE);
        }

        public boolean mip() {
            return index < 0;
        }
    }

    public static BufferedImage render(Scene scene, View view) {
        Slicer slicer = scene.slicer();
        Slice emission = view.mip()
                ? scene.projection("emission", view.plane(), () -> slicer.mip(scene.emission(), view.plane()))
                : slicer.slice(scene.emission(), view.plane(), view.index());
        Slice ct = view.fusion() && scene.ct().isPresent()
                ? (view.mip()
                        ? scene.projection(
                                "ct", view.plane(), () -> slicer.mip(scene.ct().get(), view.plane()))
                        : slicer.slice(scene.ct().get(), view.plane(), view.index()))
                : null;
        Slice dose = view.dose() && scene.dose().isPresent()
                ? (view.mip()
                        ? scene.projection(
                                "dose",
                                view.plane(),
                                () -> slicer.mip(scene.dose().get(), view.plane()))
                        : slicer.slice(scene.dose().get(), view.plane(), view.index()))
                : null;

        int w = emission.width();
        int h = emission.height();
        var base = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float top = Math.max(scene.emissionTop(view.scale()), 1e-12f);
        float ctLow = view.ctWindow().low();
        float ctHigh = view.ctWindow().high();
        float doseTop = Math.max(scene.doseTop(), 1e-12f);
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                float e = clamp(emission.get(col, row) / top);
                int rgb;
                if (ct != null) {
                    float g = clamp((ct.get(col, row) - ctLow) / (ctHigh - ctLow));
                    int grey = grey(g);
                    // emission over CT, more opaque where hotter
                    rgb = e < 0.05f ? grey : blend(grey, hot(e), 0.35f + 0.5f * e);
                } else {
                    rgb = hot(e);
                }
                if (dose != null) {
                    float d = dose.get(col, row) / doseTop;
                    if (d >= DOSE_FLOOR) {
                        rgb = blend(rgb, rainbow(clamp(d)), 0.55f);
                    }
                }
                base.setRGB(col, row, rgb);
            }
        }

        var out = squarePixels(emission, view.longSide());
        int outW = out.getWidth();
        int outH = out.getHeight();
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(base, 0, 0, outW, outH, null);
            if (view.vois()) {
                g.setStroke(new BasicStroke(Math.max(1.5f, outW / 300f)));
                List<Mask> vois = scene.vois();
                for (int v = 0; v < vois.size(); v++) {
                    g.setColor(VOI_COLOURS[v % VOI_COLOURS.length]);
                    Mask voi = vois.get(v);
                    outline(
                            g,
                            view.mip()
                                    ? scene.outlineOfProjection(
                                            v, view.plane(), () -> slicer.mask(voi, view.plane(), -1))
                                    : slicer.mask(vois.get(v), view.plane(), view.index()),
                            w,
                            h,
                            (double) outW / w,
                            (double) outH / h);
                }
            }
            if (!view.isodoseGy().isEmpty()) {
                isodoses(g, scene, slicer, view, w, h, outW, outH);
            }
            letters(g, view.plane(), outW, outH);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The CT of a study whose emission image is still being simulated, in grey, a slice ({@code index} ≥ 0) or the
     * coronal MIP ({@code index} = −1), with a banner saying that no activity is shown yet: a dark CT alone could
     * otherwise be read as a scan without uptake.
     */
    public static BufferedImage renderCtOnly(
            Studies.Simulating study, Plane plane, int index, Windowing.CtWindow window, int longSide) {
        Slicer slicer = new Slicer(study.ct().geometry());
        Slice ct = index < 0 ? slicer.mip(study.ct(), plane) : slicer.slice(study.ct(), plane, index);
        int w = ct.width();
        int h = ct.height();
        var base = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                base.setRGB(col, row, grey(clamp((ct.get(col, row) - window.low()) / (window.high() - window.low()))));
            }
        }
        var out = squarePixels(ct, longSide);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(base, 0, 0, out.getWidth(), out.getHeight(), null);
            letters(g, plane, out.getWidth(), out.getHeight());
            // no percentage: the image is cached by the browser while the progress on the page moves on
            String banner = "CT only \u00b7 SPECT being simulated";
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, out.getWidth() / 30)));
            var fm = g.getFontMetrics();
            int bannerH = fm.getHeight() + 6;
            int top = out.getHeight() - bannerH - Math.max(14, out.getHeight() / 14);
            g.setColor(new Color(0, 0, 0, 170));
            g.fillRect(0, top, out.getWidth(), bannerH);
            g.setColor(new Color(0xffd27a));
            g.drawString(banner, Math.max(4, (out.getWidth() - fm.stringWidth(banner)) / 2), top + 3 + fm.getAscent());
        } finally {
            g.dispose();
        }
        return out;
    }

    /** An empty image for {@code slice} with square physical pixels, its long side {@code longSide} pixels. */
    private static BufferedImage squarePixels(Slice slice, int longSide) {
        if (longSide < 64 || longSide > 2048) {
            throw new IllegalArgumentException("image size must be 64–2048 pixels, got " + longSide);
        }
        double widthMm = slice.width() * slice.pixelWidthMm();
        double heightMm = slice.height() * slice.pixelHeightMm();
        double scale = longSide / Math.max(widthMm, heightMm);
        int outW = Math.max(1, (int) Math.round(widthMm * scale));
        int outH = Math.max(1, (int) Math.round(heightMm * scale));
        return new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
    }

    /** Which colour scale a colour bar shows. */
    public enum Layer {
        EMISSION,
        DOSE,
        CT;

        public static Layer parse(String text) {
            for (Layer l : values()) {
                if (l.name().equalsIgnoreCase(text)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown layer '" + text + "': use emission, dose or ct");
        }
    }

    /**
     * A horizontal colour bar for one layer as the slices are drawn with {@code view}'s windows: the scale's
     * colours from its bottom to its top, with both ends and the middle labelled in the layer's unit (and SUV
     * beside Bq/mL when the study has one).
     */
    public static BufferedImage colourBar(Scene scene, View view, Layer layer, int width) {
        if (width < 128 || width > 2048) {
            throw new IllegalArgumentException("colour bar width must be 128–2048 pixels, got " + width);
        }
        float low;
        float high;
        String unit;
        switch (layer) {
            case EMISSION -> {
                low = 0;
                high = scene.emissionTop(view.scale());
                unit = "Bq/mL";
            }
            case DOSE -> {
                if (scene.dose().isEmpty()) {
                    throw new IllegalArgumentException("this study has no dose map");
                }
                low = DOSE_FLOOR * scene.doseTop();
                high = scene.doseTop();
                unit = "Gy";
            }
            case CT -> {
                if (scene.ct().isEmpty()) {
                    throw new IllegalArgumentException("this study has no CT");
                }
                low = view.ctWindow().low();
                high = view.ctWindow().high();
                unit = "HU";
            }
            default -> throw new IllegalStateException();
        }
        boolean withSuv = layer == Layer.EMISSION && scene.suvPerBqMl().isPresent();
        int barHeight = 14;
        int height = withSuv ? 54 : 40;
        var out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, width, height);
            int pad = 6;
            for (int x = pad; x < width - pad; x++) {
                float v = (x - pad) / (float) (width - 2 * pad - 1);
                int rgb =
                        switch (layer) {
                            case EMISSION -> hot(v);
                            case DOSE -> rainbow(v);
                            case CT -> grey(v);
                        };
                g.setColor(new Color(rgb));
                g.drawLine(x, 2, x, 2 + barHeight);
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(new Color(0xeeeeee));
            int y = 2 + barHeight + g.getFontMetrics().getAscent() + 2;
            ticks(g, width, pad, y, number(low), number((low + high) / 2), number(high) + " " + unit);
            if (withSuv) {
                // the same three points as SUV, on their own line so the labels never run into each other
                double f = scene.suvPerBqMl().getAsDouble();
                ticks(
                        g,
                        width,
                        pad,
                        y + g.getFontMetrics().getHeight(),
                        "SUV " + number(low * f),
                        number((low + high) / 2 * f),
                        number(high * f));
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void ticks(Graphics2D g, int width, int pad, int y, String lo, String mid, String hi) {
        var fm = g.getFontMetrics();
        g.drawString(lo, pad, y);
        g.drawString(mid, (width - fm.stringWidth(mid)) / 2, y);
        g.drawString(hi, width - pad - fm.stringWidth(hi), y);
    }

    /** A scale value as people read it: 3 significant digits, millions as M and ten-thousands up as k. */
    static String number(double value) {
        double a = Math.abs(value);
        if (a >= 1e6) {
            return String.format(java.util.Locale.ROOT, "%.3gM", value / 1e6);
        }
        if (a >= 1e4) {
            return String.format(java.util.Locale.ROOT, "%.3gk", value / 1e3);
        }
        if (a == 0) {
            return "0";
        }
        return new java.math.BigDecimal(value)
                .round(new java.math.MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }

    /**
     * The isodose lines of the slice's dose at each level, over whatever is drawn, and a legend in the lower left.
     * A study without a dose map is refused rather than drawn without lines.
     *
     * <p>On a MIP the lines are those of the dose's own maximum projection (not the emission's): a ray's maximum is
     * at least D exactly when the ray meets the volume that receives D or more, so the line at D is that volume's
     * outline seen from the front or side — where it is, not a dose on any one plane. The legend says so
     * ("≥ D Gy, projected").
     */
    private static void isodoses(
            Graphics2D g, Scene scene, Slicer slicer, View view, int w, int h, int outW, int outH) {
        if (scene.dose().isEmpty()) {
            throw new IllegalArgumentException("this study has no dose map to draw isodose lines of");
        }
        Slice dose = view.mip()
                ? scene.projection(
                        "dose", view.plane(), () -> slicer.mip(scene.dose().get(), view.plane()))
                : slicer.slice(scene.dose().get(), view.plane(), view.index());
        double sx = (double) outW / w;
        double sy = (double) outH / h;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(Math.max(1.5f, outW / 320f)));
        var levels = view.isodoseGy();
        for (int i = 0; i < levels.size(); i++) {
            g.setColor(ISODOSE_COLOURS[i]);
            // pixel centres sit half a pixel in from the image's edges
            for (var s : IsodoseLines.of(dose, levels.get(i))) {
                g.draw(new Line2D.Double(
                        (s.x1() + 0.5) * sx, (s.y1() + 0.5) * sy, (s.x2() + 0.5) * sx, (s.y2() + 0.5) * sy));
            }
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, outW / 40)));
        var fm = g.getFontMetrics();
        int line = fm.getHeight();
        int y = outH - 6 - line * (levels.size() - 1);
        for (int i = 0; i < levels.size(); i++, y += line) {
            g.setColor(ISODOSE_COLOURS[i]);
            g.fillRect(6, y - fm.getAscent() / 2 - 2, line, 3);
            g.drawString(
                    view.mip() ? "≥ " + number(levels.get(i)) + " Gy, projected" : number(levels.get(i)) + " Gy",
                    10 + line,
                    y);
        }
    }

    /** Draws the edges between covered and uncovered pixels. */
    private static void outline(Graphics2D g, BitSet in, int w, int h, double sx, double sy) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (int p = in.nextSetBit(0); p >= 0; p = in.nextSetBit(p + 1)) {
            int col = p % w;
            int row = p / w;
            if (col == 0 || !in.get(p - 1)) {
                g.draw(new Line2D.Double(col * sx, row * sy, col * sx, (row + 1) * sy));
            }
            if (col == w - 1 || !in.get(p + 1)) {
                g.draw(new Line2D.Double((col + 1) * sx, row * sy, (col + 1) * sx, (row + 1) * sy));
            }
            if (row == 0 || !in.get(p - w)) {
                g.draw(new Line2D.Double(col * sx, row * sy, (col + 1) * sx, row * sy));
            }
            if (row == h - 1 || !in.get(p + w)) {
                g.draw(new Line2D.Double(col * sx, (row + 1) * sy, (col + 1) * sx, (row + 1) * sy));
            }
        }
    }

    private static void letters(Graphics2D g, Plane plane, int w, int h) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, w / 36)));
        g.setColor(new Color(0xeeeeee));
        var fm = g.getFontMetrics();
        String left = plane == Plane.SAGITTAL ? "A" : "R";
        String right = plane == Plane.SAGITTAL ? "P" : "L";
        String up = plane == Plane.AXIAL ? "A" : "H";
        String down = plane == Plane.AXIAL ? "P" : "F";
        int pad = 4;
        g.drawString(left, pad, h / 2 + fm.getAscent() / 2);
        g.drawString(right, w - pad - fm.stringWidth(right), h / 2 + fm.getAscent() / 2);
        g.drawString(up, (w - fm.stringWidth(up)) / 2, pad + fm.getAscent());
        g.drawString(down, (w - fm.stringWidth(down)) / 2, h - pad - fm.getDescent());
    }

    private static float clamp(float v) {
        return v < 0 || Float.isNaN(v) ? 0 : Math.min(v, 1);
    }

    private static int grey(float g) {
        int v = Math.round(g * 255);
        return (v << 16) | (v << 8) | v;
    }

    /** Black → red → yellow → white. */
    static int hot(float v) {
        int r = Math.round(255 * clamp(v * 3));
        int gr = Math.round(255 * clamp(v * 3 - 1));
        int b = Math.round(255 * clamp(v * 3 - 2));
        return (r << 16) | (gr << 8) | b;
    }

    /** Blue → cyan → green → yellow → red. */
    static int rainbow(float v) {
        int r = Math.round(255 * clamp(Math.min(4 * v - 1.5f, -4 * v + 4.5f)));
        int gr = Math.round(255 * clamp(Math.min(4 * v - 0.5f, -4 * v + 3.5f)));
        int b = Math.round(255 * clamp(Math.min(4 * v + 0.5f, -4 * v + 2.5f)));
        return (r << 16) | (gr << 8) | b;
    }

    private static int blend(int under, int over, float alpha) {
        int r = Math.round(((under >> 16) & 255) * (1 - alpha) + ((over >> 16) & 255) * alpha);
        int gr = Math.round(((under >> 8) & 255) * (1 - alpha) + ((over >> 8) & 255) * alpha);
        int b = Math.round((under & 255) * (1 - alpha) + (over & 255) * alpha);
        return (r << 16) | (gr << 8) | b;
    }
}
